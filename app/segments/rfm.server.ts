// Customer.rfmGroup from its two sources: Shopify's own (statistics.rfmGroup, read by the backfill,
// rfmSource "shopify") and our fallback scoring (rfm.ts, rfmSource "computed") for every customer
// Shopify gave none. A "shopify" value is never overwritten by the fallback. Customer.lastOrderAt
// (the newest Order.processedAt) is kept here too, off the order-ingest hot path.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { RFM_GROUPS } from "./definition";
import { scoreRfm } from "./rfm";

const KNOWN_GROUPS = new Set<string>(RFM_GROUPS);

/** lastOrderAt = the newest processedAt of the customer's orders (all of the shop's, or these). */
export async function syncLastOrderAt(shopId: string, customerIds?: string[]): Promise<number> {
  const only = customerIds ? Prisma.sql`AND o."customerId" = ANY(${customerIds}::text[])` : Prisma.empty;
  return db().$executeRaw(Prisma.sql`
    UPDATE "Customer" c SET "lastOrderAt" = o."last"
    FROM (SELECT o."customerId", max(o."processedAt") AS "last" FROM "Order" o
          WHERE o."shopId" = ${shopId} AND o."customerId" IS NOT NULL ${only} GROUP BY o."customerId") o
    WHERE c."id" = o."customerId" AND c."shopId" = ${shopId} AND c."lastOrderAt" IS DISTINCT FROM o."last"`);
}

/**
 * The fallback scoring for the shop: every active customer ranks, and those without Shopify's own
 * group get the computed one. Returns how many rows changed.
 */
export async function computeFallbackRfm(shopId: string): Promise<number> {
  await syncLastOrderAt(shopId);
  const customers = await db().customer.findMany({
    where: { shopId, mergedIntoId: null, redactedAt: null },
    select: { id: true, lastOrderAt: true, ordersCount: true, totalSpent: true, rfmSource: true },
  });
  const scores = scoreRfm(
    customers.map((c) => ({
      id: c.id,
      lastOrderAt: c.lastOrderAt,
      ordersCount: c.ordersCount,
      totalSpent: Number(c.totalSpent),
    })),
  );
  const computed = new Set(customers.filter((c) => c.rfmSource !== "shopify").map((c) => c.id));
  const rows = scores.filter((s) => computed.has(s.id));
  if (rows.length === 0) return 0;
  return db().$executeRaw(Prisma.sql`
    UPDATE "Customer" c SET "rfmGroup" = v."group", "rfmSource" = 'computed'
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.group)}::text[]) AS v("id", "group")
    WHERE c."id" = v."id" AND c."shopId" = ${shopId} AND c."rfmSource" IS DISTINCT FROM 'shopify'
      AND (c."rfmGroup" IS DISTINCT FROM v."group" OR c."rfmSource" IS DISTINCT FROM 'computed')`);
}

/**
 * Shopify's own groups from a backfill page (customer id → statistics.rfmGroup). A value Shopify
 * gives wins over a computed one; a customer Shopify now leaves unscored loses only a "shopify"
 * value (the fallback fills it at its next run). Unknown values are ignored.
 */
export async function recordShopifyRfmGroups(
  shopId: string,
  groups: { customerId: string; rfmGroup: string | null }[],
): Promise<void> {
  const given = groups.filter((g) => g.rfmGroup !== null && KNOWN_GROUPS.has(g.rfmGroup));
  const cleared = groups.filter((g) => g.rfmGroup === null).map((g) => g.customerId);
  if (given.length > 0)
    await db().$executeRaw(Prisma.sql`
      UPDATE "Customer" c SET "rfmGroup" = v."group", "rfmSource" = 'shopify'
      FROM unnest(${given.map((g) => g.customerId)}::text[], ${given.map((g) => g.rfmGroup!)}::text[]) AS v("id", "group")
      WHERE c."id" = v."id" AND c."shopId" = ${shopId}
        AND (c."rfmGroup" IS DISTINCT FROM v."group" OR c."rfmSource" IS DISTINCT FROM 'shopify')`);
  if (cleared.length > 0)
    await db().$executeRaw(Prisma.sql`
      UPDATE "Customer" SET "rfmGroup" = NULL, "rfmSource" = NULL
      WHERE "id" = ANY(${cleared}::text[]) AND "shopId" = ${shopId} AND "rfmSource" = 'shopify'`);
}
