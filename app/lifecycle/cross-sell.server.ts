// Post-purchase cross-sell: a few days after an order is delivered, products that go with it.
// Enters: a marketable customer whose order was first delivered within `deliveredWithinDays`
// (one run per order, steps counted from the delivery). Stops: another order since the delivery,
// or the order cancelled or refunded. Skips a step when there is nothing to recommend.
import { db } from "../db/client.server";
import { recommendationsFor, RecommendationInputError } from "../recommendations/recommendations.server";
import { crossSellCandidates, crossSellTriggerKey, REFUNDED_STATUSES } from "./cross-sell-candidates.server";
import { enrolCandidates } from "./enrol.server";
import type { LifecycleFlow, LifecycleRun } from "./lifecycle-flow";

export const CROSS_SELL_STOP = {
  orderGone: "order no longer exists",
  cancelled: "order cancelled",
  refunded: "order refunded",
  orderedAgain: "another order placed since delivery",
} as const;

export const NOTHING_TO_RECOMMEND = "nothing to recommend (no other product in stock goes with this order)";

async function stopReason(run: LifecycleRun): Promise<string | null> {
  const orderId = run.context.orderId;
  if (!orderId) return CROSS_SELL_STOP.orderGone;
  const order = await db().order.findFirst({
    where: { id: orderId, shopId: run.shopId },
    select: { cancelledAt: true, financialStatus: true },
  });
  if (!order) return CROSS_SELL_STOP.orderGone;
  if (order.cancelledAt) return CROSS_SELL_STOP.cancelled;
  if ((REFUNDED_STATUSES as readonly string[]).includes(order.financialStatus ?? "")) return CROSS_SELL_STOP.refunded;

  const since = run.context.deliveredAt ? new Date(run.context.deliveredAt) : run.startedAt;
  const another = await db().order.findFirst({
    where: {
      shopId: run.shopId,
      customerId: run.customerId,
      id: { not: orderId },
      cancelledAt: null,
      OR: [{ processedAt: { gt: since } }, { processedAt: null, createdAt: { gt: since } }],
    },
    select: { id: true },
  });
  return another ? CROSS_SELL_STOP.orderedAgain : null;
}

export const crossSell: LifecycleFlow<"CROSS_SELL"> = {
  kind: "CROSS_SELL",

  async enrol(flow, now) {
    const candidates = await crossSellCandidates(flow.shopId, flow.id, flow.settings.deliveredWithinDays, now);
    return enrolCandidates(
      flow,
      candidates.map((c) => ({
        customerId: c.customerId,
        triggerKey: crossSellTriggerKey(c.orderId),
        anchor: c.deliveredAt,
        context: { orderId: c.orderId, deliveredAt: c.deliveredAt.toISOString() },
      })),
      now,
    );
  },

  stopReason,

  // `recommendations` themselves come from the engine (the template context loads them for the
  // run's order: never that order's products); here only whether there is anything to show.
  async templateExtras(run, now) {
    if (!run.context.orderId) return { skip: CROSS_SELL_STOP.orderGone };
    try {
      const found = await recommendationsFor(run.shopId, {
        customerId: run.customerId,
        orderId: run.context.orderId,
        limit: 1,
        now,
      });
      return found.length > 0 ? { extras: {} } : { skip: NOTHING_TO_RECOMMEND };
    } catch (err) {
      if (err instanceof RecommendationInputError) return { skip: err.message };
      throw err;
    }
  },
};
