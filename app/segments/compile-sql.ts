// A segment definition as one parameterized SQL predicate over "Customer" c. Every value travels
// as a bound parameter (Prisma.sql); only fixed SQL text written here is ever concatenated.
//
// The predicate is always shop-scoped and leaves out customers merged into another one
// (mergedIntoId) and redacted customers (redactedAt). Each condition is a column test or an
// EXISTS / correlated lookup that an index answers per customer (Order (customerId, processedAt),
// Consent (customerId, channel, purpose), Conversation.openCustomerId, Message (customerId,
// channel, direction, createdAt), CsatSurvey (customerId), FlowRun (customerId, status),
// StorefrontEvent (shopId, customerId, occurredAt)), so a rebuild is one pass over the shop's
// customers, not a query per customer.
import { Prisma } from "../generated/prisma/client";
import type { SegmentCondition, SegmentDefinition } from "./definition";

const DAY_MS = 24 * 3600 * 1000;

const OPERATOR: Record<"gte" | "lte" | "gt" | "lt" | "eq", Prisma.Sql> = {
  gte: Prisma.raw(">="),
  lte: Prisma.raw("<="),
  gt: Prisma.raw(">"),
  lt: Prisma.raw("<"),
  eq: Prisma.raw("="),
};

const SHOPIFY_CONSENT_SOURCES = ["SHOPIFY_CUSTOMER", "CHECKOUT"];

function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

function consentRow(channel: string, purpose: string, state: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Consent" k WHERE k."customerId" = c."id"
    AND k."channel" = ${channel}::"Channel" AND k."purpose" = ${purpose}::"ConsentPurpose"
    AND k."state" = ${state}::"ConsentState")`;
}

/**
 * Effective consent, as app/consent/effective-consent.server.ts decides it for a send (without a
 * checkout's own boxes): a channel's TRANSACTIONAL revocation stops everything on it; MARKETING
 * needs a GRANTED row; WhatsApp marketing also accepts SMS marketing collected through Shopify
 * when WhatsApp has no marketing row and SMS is not revoked.
 */
function consentGranted(channel: string, purpose: string): Prisma.Sql {
  const notStopped = Prisma.sql`NOT ${consentRow(channel, "TRANSACTIONAL", "REVOKED")}`;
  if (purpose === "TRANSACTIONAL") return notStopped;
  const granted = consentRow(channel, "MARKETING", "GRANTED");
  if (channel !== "WHATSAPP") return Prisma.sql`(${notStopped} AND ${granted})`;
  const smsFallback = Prisma.sql`(NOT EXISTS (SELECT 1 FROM "Consent" k WHERE k."customerId" = c."id"
      AND k."channel" = 'WHATSAPP'::"Channel" AND k."purpose" = 'MARKETING'::"ConsentPurpose")
    AND NOT EXISTS (SELECT 1 FROM "Consent" k WHERE k."customerId" = c."id"
      AND k."channel" = 'SMS'::"Channel" AND k."state" = 'REVOKED'::"ConsentState")
    AND EXISTS (SELECT 1 FROM "Consent" k WHERE k."customerId" = c."id"
      AND k."channel" = 'SMS'::"Channel" AND k."purpose" = 'MARKETING'::"ConsentPurpose"
      AND k."state" = 'GRANTED'::"ConsentState"
      AND k."source"::text = ANY(${SHOPIFY_CONSENT_SOURCES}::text[])))`;
  return Prisma.sql`(${notStopped} AND (${granted} OR ${smsFallback}))`;
}

/** An explicit opt-out on record: STOP (TRANSACTIONAL revoked) or, for marketing, an unsubscribe. */
function consentRevoked(channel: string, purpose: string): Prisma.Sql {
  const stopped = consentRow(channel, "TRANSACTIONAL", "REVOKED");
  if (purpose === "TRANSACTIONAL") return stopped;
  return Prisma.sql`(${stopped} OR ${consentRow(channel, "MARKETING", "REVOKED")})`;
}

/**
 * Whole days since the newest order's processedAt (floor), compared as bounds on that time so the
 * values stay plain timestamps; customers without an order never match.
 */
function daysSinceLastOrder(op: "gte" | "lte" | "gt" | "lt" | "eq", value: number, now: Date): Prisma.Sql {
  const last = Prisma.sql`(SELECT max(o."processedAt") FROM "Order" o WHERE o."customerId" = c."id")`;
  // floor(days) >= n  <=>  last <= now - n days;  floor(days) <= n  <=>  last > now - (n + 1) days.
  const atLeast = (n: number) => Prisma.sql`${last} <= ${daysAgo(now, n)}`;
  const atMost = (n: number) => Prisma.sql`${last} > ${daysAgo(now, n + 1)}`;
  switch (op) {
    case "gte":
      return atLeast(value);
    case "gt":
      return atLeast(value + 1);
    case "lte":
      return atMost(value);
    case "lt":
      return value === 0 ? Prisma.sql`FALSE` : atMost(value - 1);
    case "eq":
      return Prisma.sql`(${atLeast(value)} AND ${atMost(value)})`;
  }
}

export function conditionSql(condition: SegmentCondition, now: Date): Prisma.Sql {
  switch (condition.field) {
    case "rfm_group":
      return Prisma.sql`c."rfmGroup" = ANY(${condition.in}::text[])`;
    case "orders_count":
      return Prisma.sql`c."ordersCount" ${OPERATOR[condition.op]} ${condition.value}`;
    case "total_spent":
      return Prisma.sql`c."totalSpent" ${OPERATOR[condition.op]} ${condition.value}::numeric`;
    case "days_since_last_order":
      return daysSinceLastOrder(condition.op, condition.value, now);
    case "country":
      return Prisma.sql`c."countryCode" = ANY(${condition.in}::text[])`;
    case "consent":
      return condition.state === "granted"
        ? consentGranted(condition.channel, condition.purpose)
        : consentRevoked(condition.channel, condition.purpose);
    case "last_channel":
      return Prisma.sql`(SELECT m."channel"::text FROM "Message" m WHERE m."customerId" = c."id"
        AND m."direction" = 'INBOUND'::"MessageDirection" AND m."internal" = false
        ORDER BY m."createdAt" DESC LIMIT 1) = ANY(${condition.in}::text[])`;
    case "open_conversation": {
      // openCustomerId equals the customer's id exactly while a conversation is not resolved.
      const open = Prisma.sql`EXISTS (SELECT 1 FROM "Conversation" v WHERE v."openCustomerId" = c."id")`;
      return condition.value ? open : Prisma.sql`NOT ${open}`;
    }
    case "csat":
      return Prisma.sql`(SELECT s."score" FROM "CsatSurvey" s WHERE s."customerId" = c."id"
        AND s."score" IS NOT NULL ORDER BY s."answeredAt" DESC NULLS LAST, s."createdAt" DESC LIMIT 1)
        ${OPERATOR[condition.op]} ${condition.value}`;
    case "engagement": {
      const since = daysAgo(now, condition.withinDays);
      const happened =
        condition.event === "replied"
          ? Prisma.sql`EXISTS (SELECT 1 FROM "Message" m WHERE m."customerId" = c."id"
              AND m."direction" = 'INBOUND'::"MessageDirection" AND m."internal" = false AND m."createdAt" >= ${since})`
          : condition.event === "opened"
            ? Prisma.sql`EXISTS (SELECT 1 FROM "Message" m WHERE m."customerId" = c."id"
                AND m."direction" = 'OUTBOUND'::"MessageDirection" AND m."openedAt" >= ${since})`
            : Prisma.sql`EXISTS (SELECT 1 FROM "Message" m WHERE m."customerId" = c."id"
                AND m."direction" = 'OUTBOUND'::"MessageDirection" AND m."clickedAt" >= ${since})`;
      return condition.happened ? happened : Prisma.sql`NOT ${happened}`;
    }
    case "cart_recovery": {
      const active = Prisma.sql`EXISTS (SELECT 1 FROM "FlowRun" r JOIN "Flow" f ON f."id" = r."flowId"
        WHERE r."customerId" = c."id" AND r."status" = 'ACTIVE'::"FlowRunStatus" AND f."kind" = 'CART_RECOVERY'::"FlowKind")`;
      const recovered = Prisma.sql`EXISTS (SELECT 1 FROM "Order" o JOIN "Flow" f ON f."id" = o."attributedFlowId"
        WHERE o."customerId" = c."id" AND o."cancelledAt" IS NULL AND f."kind" = 'CART_RECOVERY'::"FlowKind")`;
      if (condition.state === "active") return active;
      if (condition.state === "recovered") return recovered;
      return Prisma.sql`(NOT ${active} AND NOT ${recovered})`;
    }
    case "viewed_product": {
      const since = daysAgo(now, condition.withinDays);
      const product =
        condition.productId === null
          ? Prisma.empty
          : Prisma.sql`AND e."shopifyProductId" = ${condition.productId}::bigint`;
      return Prisma.sql`EXISTS (SELECT 1 FROM "StorefrontEvent" e WHERE e."shopId" = c."shopId"
        AND e."customerId" = c."id" AND e."kind" = 'product_viewed' AND e."occurredAt" >= ${since} ${product})`;
    }
  }
}

export interface CompileOptions {
  now?: Date;
  /**
   * Shopify customer ids the Shopify segment query returned: members must be among them. null
   * (no Shopify query) leaves the definition alone.
   */
  shopifyCustomerIds?: bigint[] | null;
}

/** The whole predicate over "Customer" c for one shop; `TRUE` conditions when there are none. */
export function compilePredicate(shopId: string, definition: SegmentDefinition, options: CompileOptions = {}) {
  const now = options.now ?? new Date();
  const parts = definition.conditions.map((condition) => conditionSql(condition, now));
  const joiner = definition.match === "any" ? " OR " : " AND ";
  const conditions = parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, joiner, "(", ")");
  const shopify =
    options.shopifyCustomerIds == null
      ? Prisma.empty
      : Prisma.sql`AND c."shopifyCustomerId" = ANY(${options.shopifyCustomerIds.map(String)}::bigint[])`;
  return Prisma.sql`c."shopId" = ${shopId} AND c."mergedIntoId" IS NULL AND c."redactedAt" IS NULL
    ${shopify} AND ${conditions}`;
}

/** How many of the shop's customers match. */
export function countSql(predicate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "count" FROM "Customer" c WHERE ${predicate}`;
}

/** A few members to show beside the count: newest buyers first. */
export function sampleSql(predicate: Prisma.Sql, limit = 10): Prisma.Sql {
  return Prisma.sql`SELECT c."id", c."firstName", c."lastName", c."email", c."phone", c."rfmGroup",
      c."rfmSource", c."ordersCount", c."totalSpent"::text AS "totalSpent"
    FROM "Customer" c WHERE ${predicate}
    ORDER BY c."ordersCount" DESC, c."id" LIMIT ${limit}`;
}

/** Members no longer matching leave: one anti-join over the segment's rows. */
export function deleteStaleMembersSql(segmentId: string, predicate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`DELETE FROM "SegmentMember" sm WHERE sm."segmentId" = ${segmentId}
    AND NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = sm."customerId" AND ${predicate})`;
}

/** Matching customers not yet members join: one INSERT … SELECT, existing rows untouched. */
export function insertMembersSql(segmentId: string, predicate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`INSERT INTO "SegmentMember" ("segmentId", "customerId", "shopId", "addedAt")
    SELECT ${segmentId}, c."id", c."shopId", now() FROM "Customer" c WHERE ${predicate}
    ON CONFLICT ("segmentId", "customerId") DO NOTHING`;
}

/** One customer against the predicate (the incremental refresh). */
export function customerMatchesSql(customerId: string, predicate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT EXISTS (SELECT 1 FROM "Customer" c WHERE c."id" = ${customerId} AND ${predicate}) AS "matches"`;
}
