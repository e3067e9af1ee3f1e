// Win-back: customers who used to buy and stopped. Who enters, exactly (one SQL statement per sweep):
// - lapsed: Customer.lastOrderAt is more than settings.lapsedDays ago, but not more than
//   lapsedDays + 365 days ago (someone gone for years has forgotten the shop: a sudden "we miss
//   you" reads as spam); or
// - at risk (settings.winBackAtRisk = 1): Customer.rfmGroup is AT_RISK or ALMOST_LOST, they have
//   ordered at least once, and not within the last AT_RISK_QUIET_DAYS (an RFM group is recomputed
//   later than orders arrive: a customer who just ordered may still carry last month's group);
//   the same lapsedDays + 365 limit when their last order date is known;
// and in every case: lastOrderAt is current (no order of theirs on record after it — it is
// synced off the order hot path), a marketing grant on a reachable channel, not in this flow now,
// no win-back started for them within settings.winBackCooldownDays, and never for this lapse
// (trigger key `win-back:<customerId>:<lastOrderAt as YYYY-MM-DD>`; a new order starts a new lapse).
// The steps count from the sweep that enrols them. Stop: any order placed after the run started.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { MAX_ENROL_PER_SWEEP, enrolCandidates, notActiveIn } from "./enrol.server";
import type { LifecycleFlow, LifecycleFlowRow } from "./lifecycle-flow";
import { LIVE_CUSTOMER, MARKETABLE_AND_REACHABLE } from "./reachable.server";
import { orderPlacedSince } from "./stop-rules.server";

const DAY_MS = 86_400_000;
/** How far back past lapsedDays a last order may be and still be won back. */
export const WIN_BACK_HORIZON_DAYS = 365;
/** An at-risk customer must not have ordered within this many days. */
export const AT_RISK_QUIET_DAYS = 30;
export const AT_RISK_GROUPS = ["AT_RISK", "ALMOST_LOST"] as const;

/** `win-back:<customerId>:<YYYY-MM-DD of the last order>` ("unknown" when Shopify counts orders we do not hold). */
export function winBackTriggerKey(customerId: string, lastOrderAt: Date | null): string {
  return `win-back:${customerId}:${lastOrderAt ? lastOrderAt.toISOString().slice(0, 10) : "unknown"}`;
}

/** The stop rule, apart from the database: an order since the run started means they came back. */
export function winBackStopReason(order: { name: string | null } | null): string | null {
  return order ? `came back: ordered ${order.name ?? "again"}` : null;
}

interface Lapsed {
  customerId: string;
  lastOrderAt: Date | null;
}

async function lapsedCustomers(flow: LifecycleFlowRow<"WIN_BACK">, now: Date): Promise<Lapsed[]> {
  const { lapsedDays, winBackAtRisk, winBackCooldownDays } = flow.settings;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const lapsedBefore = daysAgo(lapsedDays);
  const horizon = daysAgo(lapsedDays + WIN_BACK_HORIZON_DAYS);
  const quietBefore = daysAgo(AT_RISK_QUIET_DAYS);
  const cooldownFrom = daysAgo(winBackCooldownDays);
  const atRisk =
    winBackAtRisk === 1
      ? Prisma.sql`OR (c."rfmGroup" IN (${Prisma.join([...AT_RISK_GROUPS])})
             AND (c."ordersCount" > 0 OR c."lastOrderAt" IS NOT NULL)
             AND (c."lastOrderAt" IS NULL OR (c."lastOrderAt" < ${quietBefore} AND c."lastOrderAt" >= ${horizon})))`
      : Prisma.empty;
  const rows = await db().$queryRaw<Lapsed[]>(Prisma.sql`
    SELECT c."id" AS "customerId", c."lastOrderAt"
    FROM "Customer" c
    WHERE c."shopId" = ${flow.shopId} AND ${LIVE_CUSTOMER}
      AND ((c."lastOrderAt" < ${lapsedBefore} AND c."lastOrderAt" >= ${horizon}) ${atRisk})
      AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = c."id" AND o."cancelledAt" IS NULL
                        AND coalesce(o."processedAt", o."createdAt") > coalesce(c."lastOrderAt", '-infinity'::timestamp))
      AND ${MARKETABLE_AND_REACHABLE}
      AND ${notActiveIn(flow.id)}
      AND NOT EXISTS (SELECT 1 FROM "FlowRun" r WHERE r."flowId" = ${flow.id} AND r."customerId" = c."id"
                        AND (r."startedAt" > ${cooldownFrom}
                             OR r."triggerKey" = 'win-back:' || c."id" || ':'
                                || coalesce(to_char(c."lastOrderAt", 'YYYY-MM-DD'), 'unknown')))
    ORDER BY c."lastOrderAt" DESC NULLS LAST, c."id" ASC
    LIMIT ${MAX_ENROL_PER_SWEEP}`);
  return rows;
}

export const winBack: LifecycleFlow<"WIN_BACK"> = {
  kind: "WIN_BACK",
  async enrol(flow, now) {
    const customers = await lapsedCustomers(flow, now);
    return enrolCandidates(
      flow,
      customers.map((c) => ({
        customerId: c.customerId,
        triggerKey: winBackTriggerKey(c.customerId, c.lastOrderAt),
        anchor: now,
        context: { since: now.toISOString() },
      })),
      now,
    );
  },
  async stopReason(run) {
    return winBackStopReason(await orderPlacedSince(run.shopId, run.customerId, run.startedAt));
  },
};
