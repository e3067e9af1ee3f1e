// Who enters the post-purchase cross-sell: one set-based statement per sweep. An order counts from
// its first delivery (a second parcel of the same order changes nothing); per customer only the
// most recently delivered order in the window is considered, so two orders delivered in one week
// make one message, about the newer one.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { MAX_ENROL_PER_SWEEP, MARKETABLE, notActiveIn } from "./enrol.server";

const DAY_MS = 86_400_000;

/** Prisma DateTime columns are timestamp(3) in UTC: an ISO instant cast to timestamp compares as UTC. */
const at = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamp`;

/** Financial states after which a cross-sell would be tone-deaf (money given back, payment voided). */
export const REFUNDED_STATUSES = ["refunded", "partially_refunded", "voided"] as const;

export function crossSellTriggerKey(orderId: string): string {
  return `cross-sell:${orderId}`;
}

export interface CrossSellCandidate {
  orderId: string;
  customerId: string;
  deliveredAt: Date;
}

/**
 * Orders first delivered within the last `deliveredWithinDays` days, not cancelled or refunded,
 * of a marketable customer not in the flow already, who has placed no other order since the
 * delivery; at most one per customer (their latest delivery) and none whose order already had a
 * run. Only the window's deliveries are grouped (an earlier parcel of the same order is looked up
 * by Fulfillment(shopId, shopifyOrderId)); orders are read by their unique key.
 */
export async function crossSellCandidates(
  shopId: string,
  flowId: string,
  deliveredWithinDays: number,
  now: Date,
): Promise<CrossSellCandidate[]> {
  return db().$queryRaw<CrossSellCandidate[]>(crossSellCandidatesSql(shopId, flowId, deliveredWithinDays, now));
}

/** The statement itself (separate so its plan can be read with EXPLAIN). */
export function crossSellCandidatesSql(
  shopId: string,
  flowId: string,
  deliveredWithinDays: number,
  now: Date,
): Prisma.Sql {
  const since = new Date(now.getTime() - deliveredWithinDays * DAY_MS);
  return Prisma.sql`
    WITH delivered AS (
      SELECT f."shopifyOrderId", min(f."deliveredAt") AS "deliveredAt"
        FROM "Fulfillment" f
       WHERE f."shopId" = ${shopId} AND f."deliveredAt" BETWEEN ${at(since)} AND ${at(now)}
         AND NOT EXISTS (SELECT 1 FROM "Fulfillment" e
                          WHERE e."shopId" = ${shopId} AND e."shopifyOrderId" = f."shopifyOrderId"
                            AND e."deliveredAt" < ${at(since)})
       GROUP BY f."shopifyOrderId"
    ), latest AS (
      SELECT DISTINCT ON (o."customerId") o."id" AS "orderId", o."customerId", d."deliveredAt"
        FROM delivered d
        JOIN "Order" o ON o."shopId" = ${shopId} AND o."shopifyOrderId" = d."shopifyOrderId"
       WHERE o."customerId" IS NOT NULL AND o."cancelledAt" IS NULL
         AND COALESCE(o."financialStatus", '') <> ALL(${[...REFUNDED_STATUSES]}::text[])
       ORDER BY o."customerId", d."deliveredAt" DESC, o."id" DESC
    )
    SELECT l."orderId", l."customerId", l."deliveredAt"
      FROM latest l
      JOIN "Customer" c ON c."id" = l."customerId"
     WHERE c."shopId" = ${shopId} AND c."mergedIntoId" IS NULL AND c."redactedAt" IS NULL
       AND ${MARKETABLE}
       AND ${notActiveIn(flowId)}
       AND NOT EXISTS (SELECT 1 FROM "FlowRun" r
                        WHERE r."flowId" = ${flowId} AND r."triggerKey" = 'cross-sell:' || l."orderId")
       AND NOT EXISTS (SELECT 1 FROM "Order" o2
                        WHERE o2."customerId" = l."customerId" AND o2."id" <> l."orderId"
                          AND o2."cancelledAt" IS NULL
                          AND COALESCE(o2."processedAt", o2."createdAt") > l."deliveredAt")
     ORDER BY l."deliveredAt", l."orderId"
     LIMIT ${MAX_ENROL_PER_SWEEP}`;
}
