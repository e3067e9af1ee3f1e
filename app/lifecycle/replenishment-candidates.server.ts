// Who gets a replenishment reminder: one set-based statement per sweep. The products with a
// typical reorder interval (the shop-wide median, app/recommendations/: cached per shop) go in as
// two arrays; the statement reads only the orders whose purchase could make a reminder fall in
// the window, keeps each customer's latest purchase of each such product, and returns at most one
// reminder per customer (the earliest), never loading the shop's customers into JS.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import type { ReorderInterval } from "../recommendations/rank";
import { MAX_ENROL_PER_SWEEP, MARKETABLE, notActiveIn } from "./enrol.server";

const DAY_MS = 86_400_000;

/** A reminder date that passed up to this long ago still goes (the flow was just switched on, a sweep was missed). */
export const REPLENISHMENT_GRACE_DAYS = 2;
/** Reminders due up to this far ahead are enrolled now; their step waits for the date. */
export const REPLENISHMENT_HORIZON_DAYS = 1;

const at = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamp`;

export function replenishmentTriggerKey(customerId: string, productId: string, orderId: string): string {
  return `replenish:${customerId}:${productId}:${orderId}`;
}

export interface ReplenishmentCandidate {
  customerId: string;
  productId: string;
  /** The customer's last order holding the product. */
  orderId: string;
  lastPurchasedAt: Date;
  /** Last purchase + the product's median interval − the lead days. */
  remindAt: Date;
}

/** SQL: order `alias` holds product `pid` (a text SQL expression), tolerant of a lineItems value that is no array. */
function holdsProduct(alias: string, pid: Prisma.Sql): Prisma.Sql {
  const items = Prisma.raw(`${alias}."lineItems"`);
  return Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(
      CASE WHEN jsonb_typeof(${items}) = 'array' THEN ${items} ELSE '[]'::jsonb END) li
     WHERE li->>'productId' = ${pid})`;
}

export interface CandidateQuery {
  shopId: string;
  flowId: string;
  intervals: ReadonlyMap<string, ReorderInterval>;
  leadDays: number;
  now: Date;
}

export async function replenishmentCandidates(q: CandidateQuery): Promise<ReplenishmentCandidate[]> {
  if (q.intervals.size === 0) return [];
  // JIT off, as for the recommendation aggregates (decision 0045): at 300,000 orders and 200
  // products with an interval, compiling took 80 ms of a 0.7 s statement that needs none.
  const [, rows] = await db().$transaction([
    db().$queryRaw`SELECT set_config('jit', 'off', true)`,
    db().$queryRaw<ReplenishmentCandidate[]>(replenishmentCandidatesSql(q)),
  ]);
  return rows;
}

/** The statement itself (separate so its plan can be read with EXPLAIN). */
export function replenishmentCandidatesSql(q: CandidateQuery): Prisma.Sql {
  const productIds = [...q.intervals.keys()];
  const medians = productIds.map((id) => q.intervals.get(id)!.medianDays);
  const from = new Date(q.now.getTime() - REPLENISHMENT_GRACE_DAYS * DAY_MS);
  const to = new Date(q.now.getTime() + REPLENISHMENT_HORIZON_DAYS * DAY_MS);

  // Per product, only the orders whose purchase puts its reminder (purchase + median − lead) in
  // [from, to]: a range of Order(shopId, processedAt) a few days long, then one jsonb containment
  // (line items carry `productId` as a string, as for bought together). Every ingest path sets
  // processedAt; an order without one is not read here.
  return Prisma.sql`
    WITH intervals AS (
      SELECT t.pid, t.days, (t.days - ${q.leadDays}::float8) * interval '1 day' AS shift
        FROM unnest(${productIds}::text[], ${medians}::float8[]) AS t(pid, days)
    ), purchases AS (
      SELECT DISTINCT ON (o."customerId", i.pid)
             o."customerId" AS customer, i.pid, o."id" AS "orderId", o."processedAt" AS at, i.shift
        FROM intervals i
        JOIN "Order" o
          ON o."shopId" = ${q.shopId}
         AND o."processedAt" >= ${at(from)} - i.shift
         AND o."processedAt" <= LEAST(${at(to)} - i.shift, ${at(q.now)})
       WHERE o."cancelledAt" IS NULL AND o."customerId" IS NOT NULL
         AND o."lineItems" @> jsonb_build_array(jsonb_build_object('productId', i.pid))
       ORDER BY o."customerId", i.pid, o."processedAt" DESC, o."id" DESC
    ), due AS (
      SELECT p.*, p.at + p.shift AS "remindAt"
        FROM purchases p
    ), eligible AS (
      SELECT DISTINCT ON (d.customer) d.customer, d.pid, d."orderId", d.at, d."remindAt"
        FROM due d
        JOIN "Customer" c ON c."id" = d.customer
       WHERE d."remindAt" BETWEEN ${at(from)} AND ${at(to)}
         AND c."shopId" = ${q.shopId} AND c."mergedIntoId" IS NULL AND c."redactedAt" IS NULL
         AND ${MARKETABLE}
         AND ${notActiveIn(q.flowId)}
         AND NOT EXISTS (SELECT 1 FROM "FlowRun" r
                          WHERE r."flowId" = ${q.flowId}
                            AND r."triggerKey" = 'replenish:' || d.customer || ':' || d.pid || ':' || d."orderId")
         AND NOT EXISTS (SELECT 1 FROM "Order" o2
                          WHERE o2."customerId" = d.customer AND o2."cancelledAt" IS NULL AND o2."id" <> d."orderId"
                            AND COALESCE(o2."processedAt", o2."createdAt") > d.at
                            AND ${holdsProduct("o2", Prisma.sql`d.pid`)})
       ORDER BY d.customer, d."remindAt", d.pid::numeric
    )
    SELECT customer AS "customerId", pid AS "productId", "orderId", at AS "lastPurchasedAt", "remindAt"
      FROM eligible
     ORDER BY "remindAt", customer
     LIMIT ${MAX_ENROL_PER_SWEEP}`;
}

/** The customer's orders after the last purchase that hold the product again (the stop rule). */
export async function boughtAgainSince(
  shopId: string,
  customerId: string,
  productId: string,
  lastOrderId: string,
): Promise<boolean> {
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT o2."id"
      FROM "Order" last
      JOIN "Order" o2 ON o2."customerId" = ${customerId} AND o2."shopId" = ${shopId}
     WHERE last."id" = ${lastOrderId} AND last."shopId" = ${shopId}
       AND o2."id" <> last."id" AND o2."cancelledAt" IS NULL
       AND COALESCE(o2."processedAt", o2."createdAt") > COALESCE(last."processedAt", last."createdAt")
       AND ${holdsProduct("o2", Prisma.sql`${productId}`)}
     LIMIT 1`;
  return rows.length > 0;
}
