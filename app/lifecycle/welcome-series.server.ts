// The welcome series: a short introduction for someone who just subscribed to marketing and has
// not bought yet. Who enters, exactly (one SQL statement per sweep):
// - a GRANTED marketing consent (any channel) given within settings.signupWithinDays, on a channel
//   we hold an address for; the earliest such grant is the anchor the steps count from. Older
//   subscribers (a backfill, switching the flow on in a shop with years of subscribers) are not
//   welcomed;
// - never ordered: no order of theirs on record, and Shopify counts none. A buyer who subscribes
//   already knows the shop, and the order and post-purchase flows speak to them;
// - not in the middle of a checkout (an active cart-recovery run): consent ticked at checkout is
//   recorded before the order arrives, and the cart reminder talks to them first. If they then
//   order they are never welcomed; if not, the next sweep welcomes them while the grant is recent;
// - never welcomed by this flow before (trigger key `welcome:<customerId>`, once per customer ever).
// Stop: any order placed after subscribing ends the run: the series' job is done.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { runContext } from "../flow-runs/flow-config.server";
import { MAX_ENROL_PER_SWEEP, enrolCandidates } from "./enrol.server";
import type { LifecycleFlow, LifecycleFlowRow, LifecycleRun } from "./lifecycle-flow";
import { GRANT_IS_REACHABLE, LIVE_CUSTOMER, MARKETING_GRANT } from "./reachable.server";
import { orderPlacedSince } from "./stop-rules.server";

const DAY_MS = 86_400_000;

export const welcomeTriggerKey = (customerId: string) => `welcome:${customerId}`;

interface Subscriber {
  customerId: string;
  subscribedAt: Date;
}

async function newSubscribers(flow: LifecycleFlowRow<"WELCOME_SERIES">, now: Date): Promise<Subscriber[]> {
  const from = new Date(now.getTime() - flow.settings.signupWithinDays * DAY_MS);
  return db().$queryRaw<Subscriber[]>(Prisma.sql`
    SELECT c."id" AS "customerId", min(k."occurredAt") AS "subscribedAt"
    FROM "Customer" c
    JOIN "Consent" k ON k."customerId" = c."id"
    WHERE c."shopId" = ${flow.shopId} AND ${LIVE_CUSTOMER}
      AND ${MARKETING_GRANT} AND k."occurredAt" >= ${from} AND k."occurredAt" <= ${now}
      AND ${GRANT_IS_REACHABLE}
      AND c."ordersCount" = 0 AND c."lastOrderAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = c."id")
      AND NOT EXISTS (SELECT 1 FROM "FlowRun" r WHERE r."flowId" = ${flow.id}
                        AND r."triggerKey" = 'welcome:' || c."id")
      AND NOT EXISTS (SELECT 1 FROM "FlowRun" r JOIN "Flow" f ON f."id" = r."flowId"
                        WHERE r."customerId" = c."id" AND r."status" = 'ACTIVE'::"FlowRunStatus"
                          AND f."kind" = 'CART_RECOVERY'::"FlowKind")
    GROUP BY c."id"
    ORDER BY "subscribedAt" ASC, c."id" ASC
    LIMIT ${MAX_ENROL_PER_SWEEP}`);
}

/** The stop rule, apart from the database: an order since subscribing ends the series. */
export function welcomeStopReason(order: { name: string | null } | null): string | null {
  return order ? `ordered since subscribing: ${order.name ?? "an order"}` : null;
}

/** When the customer subscribed (the run's anchor), else when the run started. */
function subscribedAt(run: LifecycleRun): Date {
  const since = runContext(run.context).since;
  const at = since ? new Date(since) : null;
  return at && !Number.isNaN(at.getTime()) ? at : run.startedAt;
}

export const welcomeSeries: LifecycleFlow<"WELCOME_SERIES"> = {
  kind: "WELCOME_SERIES",
  async enrol(flow, now) {
    const subscribers = await newSubscribers(flow, now);
    return enrolCandidates(
      flow,
      subscribers.map((s) => ({
        customerId: s.customerId,
        triggerKey: welcomeTriggerKey(s.customerId),
        anchor: s.subscribedAt,
        context: { since: s.subscribedAt.toISOString() },
      })),
      now,
    );
  },
  async stopReason(run) {
    return welcomeStopReason(await orderPlacedSince(run.shopId, run.customerId, subscribedAt(run)));
  },
};
