// Who enters browse abandonment now, in one set-based statement per flow: marketable customers
// whose latest trusted product view (browse-trusted-views.server.ts) is within the lookback and
// at least a session gap old, with no cart addition, completed checkout or order since that view,
// not in the flow now, and sent no browse reminder within the cooldown.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { MARKETABLE, MAX_ENROL_PER_SWEEP, notActiveIn } from "./enrol.server";
import { BROWSE_MAX_VIEWED_PRODUCTS, type BrowseWindow } from "./browse-rules";
import { provenBrowser } from "./browse-trusted-views.server";

/** Prisma DateTime columns are timestamp(3) in UTC: an ISO instant cast to timestamp compares as UTC. */
const at = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamp`;

export interface BrowseCandidate {
  customerId: string;
  /** The latest trusted product view: the run's anchor and trigger. */
  viewEventId: string;
  viewedAt: Date;
  /** Distinct Shopify product ids of the trusted views in the lookback that no cart, checkout or order followed, most recent first. */
  productIds: string[];
}

export async function browseCandidates(
  shopId: string,
  flowId: string,
  window: BrowseWindow,
  now: Date,
): Promise<BrowseCandidate[]> {
  return db().$queryRaw<BrowseCandidate[]>`
    WITH views AS (
      SELECT e."id", e."shopifyProductId", e."occurredAt", coalesce(vc."mergedIntoId", vc."id") AS "customerId"
        FROM "StorefrontEvent" e
        JOIN "Customer" vc ON vc."id" = e."customerId" AND vc."shopId" = ${shopId}
       WHERE e."shopId" = ${shopId} AND e."kind" = 'product_viewed' AND e."shopifyProductId" IS NOT NULL
         AND e."occurredAt" >= ${at(window.viewedSince)} AND e."occurredAt" <= ${at(now)}
         AND ${provenBrowser(shopId, Prisma.sql`e."clientId"`, Prisma.sql`coalesce(vc."mergedIntoId", vc."id")`)}
    ),
    latest AS (
      SELECT DISTINCT ON (v."customerId") v."customerId", v."id" AS "viewEventId", v."occurredAt" AS "viewedAt"
        FROM views v
       ORDER BY v."customerId", v."occurredAt" DESC, v."id" DESC
    ),
    -- Cart additions and completed checkouts from any browser tied to them, trusted or not: they only hold a message back.
    acts AS (
      SELECT coalesce(ac."mergedIntoId", ac."id") AS "customerId", a."occurredAt"
        FROM "StorefrontEvent" a
        JOIN "Customer" ac ON ac."id" = a."customerId" AND ac."shopId" = ${shopId}
       WHERE a."shopId" = ${shopId} AND a."kind" IN ('product_added_to_cart', 'checkout_completed')
         AND a."occurredAt" >= ${at(window.viewedSince)}
    ),
    -- What the message may speak of: products whose view no cart addition, checkout or order followed.
    products AS (
      SELECT v."customerId", v."shopifyProductId", max(v."occurredAt") AS "lastAt"
        FROM views v
       WHERE NOT EXISTS (SELECT 1 FROM acts x WHERE x."customerId" = v."customerId" AND x."occurredAt" >= v."occurredAt")
         AND NOT EXISTS (
           SELECT 1 FROM "Order" o
            WHERE o."shopId" = ${shopId} AND o."customerId" = v."customerId" AND o."cancelledAt" IS NULL
              AND coalesce(o."processedAt", o."createdAt") >= v."occurredAt")
       GROUP BY v."customerId", v."shopifyProductId"
    )
    SELECT l."customerId", l."viewEventId", l."viewedAt",
           (SELECT (array_agg(p."shopifyProductId"::text ORDER BY p."lastAt" DESC, p."shopifyProductId" DESC))[1:${BROWSE_MAX_VIEWED_PRODUCTS}::int]
              FROM products p WHERE p."customerId" = l."customerId") AS "productIds"
      FROM latest l
      JOIN "Customer" c ON c."id" = l."customerId" AND c."mergedIntoId" IS NULL AND c."redactedAt" IS NULL
     WHERE l."viewedAt" <= ${at(window.viewedBefore)}
       AND ${MARKETABLE}
       AND ${notActiveIn(flowId)}
       AND NOT EXISTS (
         SELECT 1 FROM "Message" m
          WHERE m."customerId" = c."id" AND m."flowId" = ${flowId} AND m."direction" = 'OUTBOUND'::"MessageDirection"
            AND m."createdAt" > ${at(window.cooldownSince)})
       AND NOT EXISTS (
         SELECT 1 FROM acts x WHERE x."customerId" = c."id" AND x."occurredAt" >= l."viewedAt")
       AND NOT EXISTS (
         SELECT 1 FROM "Order" o
          WHERE o."shopId" = ${shopId} AND o."customerId" = c."id" AND o."cancelledAt" IS NULL
            AND coalesce(o."processedAt", o."createdAt") >= l."viewedAt")
     ORDER BY l."viewedAt" DESC, l."customerId"
     LIMIT ${MAX_ENROL_PER_SWEEP}`;
}
