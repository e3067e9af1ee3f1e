// Replenishment reminder: shortly before a customer typically runs out of a product, a reminder to
// reorder it. A product's typical reorder interval is the shop-wide median of the days between
// repeat purchases (app/recommendations/, at least 3 such intervals). Enters: a marketable
// customer whose reminder date (last purchase + interval − `replenishmentLeadDays`) falls within
// [now − 2 days, now + 1 day]; one run per (customer, product, last purchase), steps counted from
// the reminder date. Stops: the product bought again, the last purchase cancelled. Skips a step
// when the product can no longer be bought (deleted, not active, out of stock).
import { db } from "../db/client.server";
import { productCards } from "../recommendations/recommendations.server";
import { shopSignals } from "../recommendations/shop-signals.server";
import type { TemplateProduct } from "../templates/context.server";
import { enrolCandidates } from "./enrol.server";
import type { LifecycleFlow, LifecycleRun } from "./lifecycle-flow";
import { boughtAgainSince, replenishmentCandidates, replenishmentTriggerKey } from "./replenishment-candidates.server";

export const REPLENISHMENT_STOP = {
  unknown: "the run names no product or order",
  orderGone: "last purchase no longer exists",
  cancelled: "last purchase cancelled",
  boughtAgain: "bought the product again",
} as const;

export const PRODUCT_UNAVAILABLE = "product no longer available (deleted, not active or out of stock)";

async function stopReason(run: LifecycleRun): Promise<string | null> {
  const { orderId, productId } = run.context;
  if (!orderId || !productId) return REPLENISHMENT_STOP.unknown;
  const order = await db().order.findFirst({
    where: { id: orderId, shopId: run.shopId },
    select: { cancelledAt: true },
  });
  if (!order) return REPLENISHMENT_STOP.orderGone;
  if (order.cancelledAt) return REPLENISHMENT_STOP.cancelled;
  return (await boughtAgainSince(run.shopId, run.customerId, productId, orderId))
    ? REPLENISHMENT_STOP.boughtAgain
    : null;
}

/** The product as the catalogue may offer it (active, in stock), as a recommendation shows it; null when it may not. */
async function templateProduct(shopId: string, productId: string): Promise<TemplateProduct | null> {
  if (!/^[0-9]{1,19}$/.test(productId)) return null;
  return (await productCards(shopId, [productId])).get(productId) ?? null;
}

export const replenishment: LifecycleFlow<"REPLENISHMENT"> = {
  kind: "REPLENISHMENT",

  async enrol(flow, now) {
    const { reorderIntervals } = await shopSignals(flow.shopId, now);
    const candidates = await replenishmentCandidates({
      shopId: flow.shopId,
      flowId: flow.id,
      intervals: reorderIntervals,
      leadDays: flow.settings.replenishmentLeadDays,
      now,
    });
    return enrolCandidates(
      flow,
      candidates.map((c) => ({
        customerId: c.customerId,
        triggerKey: replenishmentTriggerKey(c.customerId, c.productId, c.orderId),
        anchor: c.remindAt,
        context: { orderId: c.orderId, productId: c.productId },
      })),
      now,
    );
  },

  stopReason,

  async templateExtras(run) {
    const productId = run.context.productId;
    const product = productId ? await templateProduct(run.shopId, productId) : null;
    return product ? { extras: { product } } : { skip: PRODUCT_UNAVAILABLE };
  },

  sampleExtras(shopUrl) {
    return {
      product: {
        title: "Cedar garment spray",
        url: `${shopUrl}/products/cedar-garment-spray`,
        image: null,
        price: "12.50",
        product_id: "7005",
      },
    };
  },
};
