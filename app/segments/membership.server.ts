// Segment membership (SegmentMember rows) rebuilt in set-based statements, and one customer
// re-evaluated against every segment of their shop. Other features (campaigns, lifecycle flows)
// call these two functions; their signatures are a contract:
//   refreshSegmentMembers(shopId, segmentId): Promise<number>
//   refreshCustomerSegments(shopId, customerId): Promise<void>
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { compilePredicate, customerMatchesSql, deleteStaleMembersSql, insertMembersSql } from "./compile-sql";
import { readStoredDefinition, type SegmentDefinition } from "./definition";
import { resolveShopifySegment, ShopifySegmentQueryError } from "./shopify-members.server";

/** A full rebuild at 100,000 customers takes seconds; the default 5 s interactive limit is too tight. */
const REBUILD_TIMEOUT_MS = 120_000;
/** A definition saved while a rebuild runs makes it start over; this bounds a pathological loop. */
const MAX_REBUILD_PASSES = 3;

export class SegmentNotFoundError extends Error {
  constructor(segmentId: string) {
    super(`Segment ${segmentId} not found in this shop`);
    this.name = "SegmentNotFoundError";
  }
}

/** The stored definition could not be read by this code: it matches nobody until saved again. */
export class UnreadableDefinitionError extends Error {
  constructor(segmentId: string) {
    super(`Segment ${segmentId}: its stored definition cannot be read; open it and save it again`);
    this.name = "UnreadableDefinitionError";
  }
}

/** Errors no retry can cure: the segment waits as FAILED for the merchant. */
export function isPermanentRefreshError(error: unknown): boolean {
  return (
    error instanceof ShopifySegmentQueryError ||
    error instanceof UnreadableDefinitionError ||
    error instanceof SegmentNotFoundError ||
    (error instanceof Error && error.name === "MissingOfflineSessionError")
  );
}

async function loadSegment(shopId: string, segmentId: string) {
  const segment = await db().segment.findFirst({
    where: { id: segmentId, shopId },
    select: { id: true, definition: true, shopifyQuery: true, shop: { select: { domain: true } } },
  });
  if (!segment) throw new SegmentNotFoundError(segmentId);
  return segment;
}

/** The predicate for a definition and optional Shopify query (resolved through the Admin API). */
export async function predicateFor(
  shop: { id: string; domain: string },
  definition: SegmentDefinition,
  shopifyQuery: string | null,
  now: Date = new Date(),
): Promise<Prisma.Sql> {
  const shopifyCustomerIds = shopifyQuery ? await resolveShopifySegment(shop.domain, shopifyQuery) : null;
  return compilePredicate(shop.id, definition, { now, shopifyCustomerIds });
}

/**
 * Rebuilds the segment's SegmentMember rows: members that no longer match leave, matching customers
 * join, in one transaction; then memberCount, refreshedAt and refreshState IDLE. When the definition
 * changed while it ran, it starts over. Failures leave refreshState FAILED (permanent: a Shopify query
 * Shopify refuses, an unreadable definition) or REFRESHING (anything a retry may cure), with
 * refreshError saying why, and are thrown. Returns the member count.
 */
export async function refreshSegmentMembers(shopId: string, segmentId: string): Promise<number> {
  await db().segment.updateMany({ where: { id: segmentId, shopId }, data: { refreshState: "REFRESHING" } });
  try {
    for (let pass = 1; ; pass++) {
      const segment = await loadSegment(shopId, segmentId);
      const definition = readStoredDefinition(segment.definition);
      if (!definition) throw new UnreadableDefinitionError(segmentId);
      const predicate = await predicateFor(
        { id: shopId, domain: segment.shop.domain },
        definition,
        segment.shopifyQuery,
      );
      const count = await db().$transaction(
        async (tx) => {
          await tx.$executeRaw(deleteStaleMembersSql(segmentId, predicate));
          await tx.$executeRaw(insertMembersSql(segmentId, predicate));
          // Finished only if nobody saved another definition meanwhile (compared in the same statement).
          const done = await tx.$queryRaw<{ memberCount: number }[]>(Prisma.sql`
            UPDATE "Segment" s SET "memberCount" = (SELECT count(*)::int FROM "SegmentMember" m WHERE m."segmentId" = s."id"),
              "refreshState" = 'IDLE', "refreshError" = NULL, "refreshedAt" = now()
            WHERE s."id" = ${segmentId} AND s."shopId" = ${shopId}
              AND s."definition" = ${JSON.stringify(segment.definition)}::jsonb
              AND s."shopifyQuery" IS NOT DISTINCT FROM ${segment.shopifyQuery}
            RETURNING s."memberCount"`);
          return done[0]?.memberCount ?? null;
        },
        { maxWait: 15_000, timeout: REBUILD_TIMEOUT_MS },
      );
      if (count !== null) return count;
      if (pass >= MAX_REBUILD_PASSES) throw new Error("the definition kept changing while it was rebuilt");
    }
  } catch (error) {
    const permanent = isPermanentRefreshError(error);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db().segment.updateMany({
      where: { id: segmentId, shopId },
      data: { refreshState: permanent ? "FAILED" : "REFRESHING", refreshError: message },
    });
    logger.warn({ shopId, segmentId, permanent, err: message }, "segment refresh failed");
    throw error;
  }
}

/**
 * Re-evaluates one customer against every segment of the shop, after an order or a consent change.
 * Our conditions are checked here in the database; a segment's Shopify query cannot be asked about
 * one customer, so such a segment only loses a customer who no longer meets our conditions and gains
 * new ones at its next full refresh. memberCount moves by exactly the rows added or removed.
 */
export async function refreshCustomerSegments(shopId: string, customerId: string): Promise<void> {
  const segments = await db().segment.findMany({
    where: { shopId },
    select: { id: true, definition: true, shopifyQuery: true },
  });
  const now = new Date();
  for (const segment of segments) {
    const definition = readStoredDefinition(segment.definition);
    const predicate = definition ? compilePredicate(shopId, definition, { now }) : Prisma.sql`FALSE`;
    const [{ matches }] = await db().$queryRaw<{ matches: boolean }[]>(customerMatchesSql(customerId, predicate));
    await db().$transaction(async (tx) => {
      let delta = 0;
      if (matches && !segment.shopifyQuery) {
        delta = await tx.$executeRaw(Prisma.sql`
          INSERT INTO "SegmentMember" ("segmentId", "customerId", "shopId", "addedAt")
          SELECT ${segment.id}, c."id", c."shopId", now() FROM "Customer" c
          WHERE c."id" = ${customerId} AND c."shopId" = ${shopId}
          ON CONFLICT ("segmentId", "customerId") DO NOTHING`);
      } else if (!matches) {
        delta = -(await tx.$executeRaw(Prisma.sql`
          DELETE FROM "SegmentMember" WHERE "segmentId" = ${segment.id} AND "customerId" = ${customerId}`));
      }
      if (delta !== 0)
        await tx.$executeRaw(Prisma.sql`
          UPDATE "Segment" SET "memberCount" = GREATEST(0, "memberCount" + ${delta}) WHERE "id" = ${segment.id}`);
    });
  }
}
