// The statements behind recommendations (decision 0056). Each is one set-based statement scoped by
// shopId; none runs per product. Products in orders are the line items' `productId` (Shopify's
// numeric id as a string, the LineItemInput shape every ingest path stores); cancelled orders never
// count. Ranking happens in ./rank.ts: these only read and count; what may be offered (active,
// not deleted, in stock) is the catalogue's own rule (app/products/catalogue.server.ts).
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import type { ProductCount, ProductView, PurchaseRow, ReorderInterval } from "./rank";

/** Prisma DateTime columns are timestamp(3) in UTC: an ISO instant cast to timestamp compares as UTC. */
const at = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamp`;

/**
 * The distinct product ids of an order's line items (`o` is the order), skipping items without a
 * numeric productId (custom items, gift cards) and tolerating a lineItems value that is no array.
 */
const orderProducts = Prisma.sql`
  SELECT DISTINCT li->>'productId' AS pid
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(o."lineItems") = 'array' THEN o."lineItems" ELSE '[]'::jsonb END) li
   WHERE li->>'productId' ~ '^[0-9]{1,19}$'`;

/**
 * The customer's non-cancelled orders and, when given, the triggering order (whatever its customer
 * or state), one row per product, newest order first. Served by Order(customerId, processedAt) and
 * the primary key.
 */
export async function loadPurchases(
  shopId: string,
  customerId: string,
  orderId: string | null,
): Promise<PurchaseRow[]> {
  const rows = await db().$queryRaw<Array<{ orderId: string; at: Date; productId: string | null }>>`
    SELECT o."id" AS "orderId", COALESCE(o."processedAt", o."createdAt") AS "at", x.pid AS "productId"
      FROM "Order" o
      LEFT JOIN LATERAL (${orderProducts}) x ON true
     WHERE o."shopId" = ${shopId}
       AND ((o."customerId" = ${customerId} AND o."cancelledAt" IS NULL) OR o."id" = ${orderId})
     ORDER BY COALESCE(o."processedAt", o."createdAt") DESC, o."createdAt" DESC, o."id" DESC, x.pid`;
  return rows;
}

/** The customer's product views since `since` (the newest `maxEvents`), one row per product. */
export async function loadProductViews(
  shopId: string,
  customerId: string,
  since: Date,
  now: Date,
  maxEvents: number,
): Promise<ProductView[]> {
  const rows = await db().$queryRaw<Array<{ productId: string; viewedAt: Date }>>`
    SELECT v."shopifyProductId"::text AS "productId", max(v."occurredAt") AS "viewedAt"
      FROM (SELECT "shopifyProductId", "occurredAt"
              FROM "StorefrontEvent"
             WHERE "shopId" = ${shopId} AND "customerId" = ${customerId}
               AND "occurredAt" >= ${at(since)} AND "occurredAt" <= ${at(now)}
               AND "kind" = 'product_viewed' AND "shopifyProductId" IS NOT NULL
             ORDER BY "occurredAt" DESC
             LIMIT ${maxEvents}) v
     GROUP BY v."shopifyProductId"`;
  return rows;
}

/**
 * For each product, the number of the shop's orders that hold it and at least one base product.
 * The filter is one jsonb containment per base product: a GIN index on Order."lineItems"
 * (jsonb_path_ops) would serve it; without one it reads the shop's orders once (decision 0056).
 */
export async function loadBoughtTogether(shopId: string, base: string[], maxRows: number): Promise<ProductCount[]> {
  if (base.length === 0) return [];
  const containsAny = Prisma.join(
    base.map((pid) => Prisma.sql`o."lineItems" @> ${JSON.stringify([{ productId: pid }])}::jsonb`),
    " OR ",
  );
  const rows = await db().$queryRaw<Array<{ productId: string; count: number }>>`
    SELECT x.pid AS "productId", count(*)::int AS "count"
      FROM "Order" o
     CROSS JOIN LATERAL (${orderProducts}) x
     WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL
       AND (${containsAny})
       AND x.pid <> ALL(${base}::text[])
     GROUP BY x.pid
     ORDER BY count(*) DESC, x.pid::numeric
     LIMIT ${maxRows}`;
  return rows;
}

/**
 * Active, not deleted products of the shop that share a collection with a base product, or (for a
 * base product in no collection) its product type. Stock is checked later, with the cards.
 */
export async function loadSameCollectionProducts(shopId: string, base: string[]): Promise<string[]> {
  if (base.length === 0) return [];
  const rows = await db().$queryRaw<Array<{ productId: string }>>`
    WITH base AS (
      SELECT "collectionIds", "productType" FROM "Product"
       WHERE "shopId" = ${shopId} AND "shopifyProductId" = ANY(${base}::bigint[])
    )
    SELECT p."shopifyProductId"::text AS "productId"
      FROM "Product" p
     WHERE p."shopId" = ${shopId} AND upper(p."status") = 'ACTIVE' AND p."deletedAt" IS NULL
       AND (p."collectionIds" && ARRAY(SELECT DISTINCT unnest("collectionIds") FROM base)
            OR p."productType" IN (SELECT "productType" FROM base
                                    WHERE cardinality("collectionIds") = 0 AND "productType" <> ''))`;
  return rows.map((r) => r.productId);
}

/**
 * Shop-wide aggregates read in one short transaction with JIT and parallel workers off (as the KPI
 * queries, decision 0045): compiling expressions cost more than these scans.
 */
async function aggregate<T>(sql: Prisma.Sql): Promise<T> {
  const [, rows] = await db().$transaction([
    db().$queryRaw`SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    db().$queryRaw<T>(sql),
  ]);
  return rows;
}

/** Orders per product among the shop's orders processed in [since, now]. Served by Order(shopId, processedAt). */
export async function loadOrderCounts(shopId: string, since: Date, now: Date): Promise<Map<string, number>> {
  const rows = await aggregate<Array<{ productId: string; count: number }>>(Prisma.sql`
    SELECT x.pid AS "productId", count(*)::int AS "count"
      FROM "Order" o
     CROSS JOIN LATERAL (${orderProducts}) x
     WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL
       AND o."processedAt" >= ${at(since)} AND o."processedAt" <= ${at(now)}
     GROUP BY x.pid`);
  return new Map(rows.map((r) => [r.productId, r.count]));
}

/**
 * Per product, the median (percentile_cont, so the mean of the two middle values for an even
 * count) of the days between consecutive purchases of it by the same customer, across the shop's
 * non-cancelled orders up to `now`; gaps under `minDays` are the same purchase and not intervals.
 * Only products with at least `minIntervals` intervals.
 */
export async function loadReorderIntervals(
  shopId: string,
  now: Date,
  minDays: number,
  minIntervals: number,
): Promise<Map<string, ReorderInterval>> {
  const rows = await aggregate<Array<{ productId: string; medianDays: number; intervals: number }>>(Prisma.sql`
    WITH purchases AS (
      SELECT DISTINCT o."customerId" AS customer, x.pid, COALESCE(o."processedAt", o."createdAt") AS at
        FROM "Order" o
       CROSS JOIN LATERAL (${orderProducts}) x
       WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL AND o."customerId" IS NOT NULL
         AND COALESCE(o."processedAt", o."createdAt") <= ${at(now)}
    ), gaps AS (
      SELECT pid, EXTRACT(EPOCH FROM at - lag(at) OVER (PARTITION BY customer, pid ORDER BY at)) / 86400.0 AS days
        FROM purchases
    )
    SELECT pid AS "productId",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS "medianDays",
           count(*)::int AS "intervals"
      FROM gaps
     WHERE days >= ${minDays}
     GROUP BY pid
    HAVING count(*) >= ${minIntervals}`);
  return new Map(rows.map((r) => [r.productId, { medianDays: r.medianDays, intervals: r.intervals }]));
}

/** The customer belongs to the shop (the only check: every other read is scoped by shopId). */
export async function customerInShop(shopId: string, customerId: string): Promise<boolean> {
  return !!(await db().customer.findFirst({ where: { id: customerId, shopId }, select: { id: true } }));
}

/** The order belongs to the shop. */
export async function orderInShop(shopId: string, orderId: string): Promise<boolean> {
  return !!(await db().order.findFirst({ where: { id: orderId, shopId }, select: { id: true } }));
}
