// A segment's definition (Segment.definition): which of the shop's customers belong, in our own
// terms — Shopify's RFM group and order figures beside what only Threadline knows (consent per
// channel, last channel, open conversation, CSAT, engagement, cart recovery, products viewed).
// Checked with zod wherever a definition is saved, previewed or read back; compiled to one SQL
// predicate by compile-sql.ts. A Shopify segment query (Segment.shopifyQuery) narrows it further.
// README "### Segments" and /work/coord/readme-segments.md document the JSON exactly.
import { z } from "zod";

/** Shopify's CustomerRfmGroup values (Customer.statistics.rfmGroup, Admin API 2025-04 and later). */
export const RFM_GROUPS = [
  "CHAMPIONS",
  "LOYAL",
  "ACTIVE",
  "NEW",
  "PROMISING",
  "NEEDS_ATTENTION",
  "AT_RISK",
  "PREVIOUSLY_LOYAL",
  "ALMOST_LOST",
  "DORMANT",
  "PROSPECTS",
] as const;
export type RfmGroup = (typeof RFM_GROUPS)[number];

export const SEGMENT_CHANNELS = ["SMS", "WHATSAPP", "EMAIL", "CHAT", "INSTAGRAM", "MESSENGER"] as const;
export const CONSENT_PURPOSES = ["MARKETING", "TRANSACTIONAL"] as const;
export const COMPARISONS = ["gte", "lte", "gt", "lt", "eq"] as const;
export const ENGAGEMENT_EVENTS = ["opened", "clicked", "replied"] as const;
export const CART_RECOVERY_STATES = ["active", "recovered", "none"] as const;

export const MAX_CONDITIONS = 20;
export const MAX_SEGMENT_NAME = 100;
export const MAX_SHOPIFY_QUERY = 2000;
export const MAX_DAYS = 3650;

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, "choose at least one").max(50);
const op = z.enum(COMPARISONS);
const days = z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_DAYS);
const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code")
  .transform((c) => c.toUpperCase());
/** Shopify product ids are 64-bit: kept as their digits. */
const productId = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, "must be a Shopify product id (digits)");

export const conditionSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("rfm_group"), in: list(z.enum(RFM_GROUPS)) }),
  z.object({ field: z.literal("orders_count"), op, value: z.number().int().min(0).max(1_000_000) }),
  z.object({ field: z.literal("total_spent"), op, value: z.number().finite().min(0).max(1_000_000_000) }),
  z.object({ field: z.literal("days_since_last_order"), op, value: z.number().int().min(0).max(MAX_DAYS) }),
  z.object({ field: z.literal("country"), in: list(countryCode) }),
  z.object({
    field: z.literal("consent"),
    channel: z.enum(SEGMENT_CHANNELS),
    purpose: z.enum(CONSENT_PURPOSES).default("MARKETING"),
    state: z.enum(["granted", "revoked"]),
  }),
  z.object({ field: z.literal("last_channel"), in: list(z.enum(SEGMENT_CHANNELS)) }),
  z.object({ field: z.literal("open_conversation"), value: z.boolean() }),
  z.object({ field: z.literal("csat"), op, value: z.number().int().min(1).max(5) }),
  z.object({
    field: z.literal("engagement"),
    event: z.enum(ENGAGEMENT_EVENTS),
    withinDays: days,
    happened: z.boolean().default(true),
  }),
  z.object({ field: z.literal("cart_recovery"), state: z.enum(CART_RECOVERY_STATES) }),
  z.object({
    field: z.literal("viewed_product"),
    productId: productId.nullish().transform((v) => v ?? null),
    withinDays: days,
  }),
]);

export type SegmentCondition = z.infer<typeof conditionSchema>;
export type ConditionField = SegmentCondition["field"];

export const definitionSchema = z.object({
  match: z.enum(["all", "any"]).default("all"),
  conditions: z.array(conditionSchema).max(MAX_CONDITIONS, `at most ${MAX_CONDITIONS} conditions`).default([]),
});

export type SegmentDefinition = z.infer<typeof definitionSchema>;

export const shopifyQuerySchema = z
  .string()
  .trim()
  .max(MAX_SHOPIFY_QUERY, `at most ${MAX_SHOPIFY_QUERY} characters`)
  .nullish()
  .transform((q) => (q ? q : null));

/** What the builder saves: POST /app/segments/<id|new> intent=save, `segment` = this JSON. */
export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(MAX_SEGMENT_NAME, `at most ${MAX_SEGMENT_NAME} characters`),
  definition: definitionSchema,
  shopifyQuery: shopifyQuerySchema,
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

/** What the builder previews: the definition and the optional Shopify query, no name needed. */
export const segmentPreviewSchema = z.object({ definition: definitionSchema, shopifyQuery: shopifyQuerySchema });

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; error: string };

/** The first zod issue as "conditions.0.value: must be at least 1". */
export function firstIssue(error: z.ZodError): { field: string; error: string } {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || "segment";
  return { field, error: `${field}: ${issue?.message ?? "is invalid"}` };
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, ...firstIssue(parsed.error) };
}

export const parseSegmentInput = (value: unknown) => parseWith(segmentInputSchema, value);
export const parseSegmentPreview = (value: unknown) => parseWith(segmentPreviewSchema, value);
export const parseDefinition = (value: unknown) => parseWith(definitionSchema, value);

/**
 * A stored definition read back. A definition this code can no longer read matches nobody (never
 * everybody): `null` tells the caller so.
 */
export function readStoredDefinition(value: unknown): SegmentDefinition | null {
  const parsed = definitionSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : null;
}
