// Reads for the flows, segments and recommendations (issue 15): what a customer looked at, and who
// browsed without buying. Shop-scoped; only events tied to a customer count (anonymous browsers
// are nobody to message). A customer merged into another counts under the survivor here.
import { db } from "../db/client.server";

export interface ViewedProduct {
  shopifyProductId: bigint;
  /** The title, URL and price the storefront showed at the latest view. */
  title: string | null;
  url: string | null;
  price: string | null;
  lastViewedAt: Date;
  views: number;
}

const DAY_MS = 86_400_000;

/** The customer's viewed products (product_viewed) of the last `sinceDays` days, latest view first. */
export async function recentlyViewedProducts(
  shopId: string,
  customerId: string,
  sinceDays = 30,
  limit = 10,
  now: Date = new Date(),
): Promise<ViewedProduct[]> {
  const since = new Date(now.getTime() - sinceDays * DAY_MS);
  const rows = await db().$queryRaw<
    Array<{
      shopifyProductId: bigint;
      title: string | null;
      url: string | null;
      price: string | null;
      lastViewedAt: Date;
      views: number;
    }>
  >`
    WITH views AS (
      SELECT e."shopifyProductId", e."title", e."url", e."price"::text AS "price", e."occurredAt",
             count(*) OVER (PARTITION BY e."shopifyProductId")::int AS "views",
             row_number() OVER (PARTITION BY e."shopifyProductId" ORDER BY e."occurredAt" DESC, e."id" DESC) AS rn
      FROM "StorefrontEvent" e
      WHERE e."shopId" = ${shopId}
        AND e."customerId" IN (
          SELECT c."id" FROM "Customer" c WHERE c."shopId" = ${shopId} AND (c."id" = ${customerId} OR c."mergedIntoId" = ${customerId})
        )
        AND e."kind" = 'product_viewed'
        AND e."shopifyProductId" IS NOT NULL
        AND e."occurredAt" >= ${since}
    )
    SELECT "shopifyProductId", "title", "url", "price", "occurredAt" AS "lastViewedAt", "views"
    FROM views WHERE rn = 1
    ORDER BY "occurredAt" DESC, "shopifyProductId" DESC
    LIMIT ${limit}`;
  return rows;
}

export interface BrowseAbandoner {
  customerId: string;
  lastViewedAt: Date;
  /** Product views since viewedSince. */
  views: number;
  /** Distinct products viewed since viewedSince, latest first. */
  shopifyProductIds: bigint[];
}

/**
 * Browse abandonment: customers who viewed a product since `viewedSince`, added nothing to a cart
 * since `notCartedSince`, and bought nothing since `viewedSince` (no order of theirs processed then,
 * no checkout_completed from their browser). Events of a customer merged into another count for
 * the survivor; merged-away customers are never returned themselves.
 */
export async function browseAbandoners(
  shopId: string,
  options: { viewedSince: Date; notCartedSince: Date; limit?: number },
): Promise<BrowseAbandoner[]> {
  const limit = options.limit ?? 1000;
  const { viewedSince, notCartedSince } = options;
  const earliest = viewedSince < notCartedSince ? viewedSince : notCartedSince;
  const rows = await db().$queryRaw<
    Array<{ customerId: string; lastViewedAt: Date; views: number; productIds: Array<bigint | null> }>
  >`
    WITH ev AS (
      SELECT coalesce(c."mergedIntoId", c."id") AS "customerId", e."kind", e."occurredAt", e."shopifyProductId"
      FROM "StorefrontEvent" e
      JOIN "Customer" c ON c."id" = e."customerId" AND c."shopId" = ${shopId}
      WHERE e."shopId" = ${shopId}
        AND e."kind" IN ('product_viewed', 'product_added_to_cart', 'checkout_completed')
        AND e."occurredAt" >= ${earliest}
    )
    SELECT v."customerId", max(v."occurredAt") AS "lastViewedAt", count(*)::int AS "views",
           array_agg(v."shopifyProductId" ORDER BY v."occurredAt" DESC) AS "productIds"
    FROM ev v
    JOIN "Customer" s ON s."id" = v."customerId" AND s."mergedIntoId" IS NULL
    WHERE v."kind" = 'product_viewed'
      AND v."occurredAt" >= ${viewedSince}
      AND NOT EXISTS (
        SELECT 1 FROM ev a
        WHERE a."customerId" = v."customerId" AND a."kind" = 'product_added_to_cart' AND a."occurredAt" >= ${notCartedSince}
      )
      AND NOT EXISTS (
        SELECT 1 FROM ev b
        WHERE b."customerId" = v."customerId" AND b."kind" = 'checkout_completed' AND b."occurredAt" >= ${viewedSince}
      )
      AND NOT EXISTS (
        SELECT 1 FROM "Order" o
        WHERE o."shopId" = ${shopId} AND o."customerId" = v."customerId"
          AND coalesce(o."processedAt", o."createdAt") >= ${viewedSince}
      )
    GROUP BY v."customerId"
    ORDER BY max(v."occurredAt") DESC, v."customerId"
    LIMIT ${limit}`;
  return rows.map((row) => ({
    customerId: row.customerId,
    lastViewedAt: row.lastViewedAt,
    views: row.views,
    shopifyProductIds: [...new Set(row.productIds.filter((id): id is bigint => id !== null))],
  }));
}
