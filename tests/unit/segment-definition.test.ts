// The segment definition's JSON: what is accepted, what each field defaults to, and the exact
// field error for what is not; the compiled SQL carries every value as a bound parameter.
import { describe, expect, it } from "vitest";
import {
  parseDefinition,
  parseSegmentInput,
  parseSegmentPreview,
  readStoredDefinition,
  RFM_GROUPS,
} from "../../app/segments/definition";
import { compilePredicate } from "../../app/segments/compile-sql";

describe("segment definition", () => {
  it("GIVEN Shopify's eleven RFM groups THEN all are known, in Shopify's spelling", () => {
    expect([...RFM_GROUPS].sort()).toEqual(
      [
        "ACTIVE",
        "ALMOST_LOST",
        "AT_RISK",
        "CHAMPIONS",
        "DORMANT",
        "LOYAL",
        "NEEDS_ATTENTION",
        "NEW",
        "PREVIOUSLY_LOYAL",
        "PROMISING",
        "PROSPECTS",
      ].sort(),
    );
  });

  it("GIVEN one condition of every kind WHEN parsed THEN it is accepted with its defaults filled", () => {
    const parsed = parseDefinition({
      match: "any",
      conditions: [
        { field: "rfm_group", in: ["CHAMPIONS", "AT_RISK"] },
        { field: "orders_count", op: "gte", value: 2 },
        { field: "total_spent", op: "gt", value: 99.5 },
        { field: "days_since_last_order", op: "lte", value: 30 },
        { field: "country", in: ["us", " gb "] },
        { field: "consent", channel: "SMS", state: "granted" },
        { field: "last_channel", in: ["WHATSAPP"] },
        { field: "open_conversation", value: false },
        { field: "csat", op: "lt", value: 3 },
        { field: "engagement", event: "clicked", withinDays: 14 },
        { field: "cart_recovery", state: "recovered" },
        { field: "viewed_product", withinDays: 7 },
        { field: "viewed_product", productId: "820982911946154508", withinDays: 7 },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.match).toBe("any");
    expect(parsed.value.conditions[4]).toEqual({ field: "country", in: ["US", "GB"] });
    expect(parsed.value.conditions[5]).toEqual({
      field: "consent",
      channel: "SMS",
      purpose: "MARKETING",
      state: "granted",
    });
    expect(parsed.value.conditions[9]).toEqual({
      field: "engagement",
      event: "clicked",
      withinDays: 14,
      happened: true,
    });
    expect(parsed.value.conditions[11]).toEqual({ field: "viewed_product", productId: null, withinDays: 7 });
    expect(parsed.value.conditions[12]).toMatchObject({ productId: "820982911946154508" });
  });

  it("GIVEN nothing WHEN parsed THEN it is match all with no conditions (every customer)", () => {
    expect(parseDefinition({})).toEqual({ ok: true, value: { match: "all", conditions: [] } });
  });

  it("GIVEN bad values THEN the first problem is named by its path", () => {
    expect(parseDefinition({ conditions: [{ field: "rfm_group", in: ["VIP"] }] })).toMatchObject({
      ok: false,
      field: "conditions.0.in.0",
    });
    expect(parseDefinition({ conditions: [{ field: "orders_count", op: "gte", value: -1 }] })).toMatchObject({
      ok: false,
      field: "conditions.0.value",
    });
    expect(parseDefinition({ conditions: [{ field: "engagement", event: "opened", withinDays: 0 }] })).toMatchObject({
      ok: false,
      field: "conditions.0.withinDays",
      error: "conditions.0.withinDays: must be at least 1",
    });
    expect(parseDefinition({ conditions: [{ field: "country", in: ["USA"] }] })).toMatchObject({
      ok: false,
      error: "conditions.0.in.0: must be a two-letter country code",
    });
    expect(parseDefinition({ conditions: [{ field: "tags", any: ["vip"] }] })).toMatchObject({
      ok: false,
      field: "conditions.0.field",
    });
    expect(
      parseDefinition({ conditions: [{ field: "viewed_product", productId: "abc", withinDays: 3 }] }),
    ).toMatchObject({ ok: false, field: "conditions.0.productId" });
    expect(parseDefinition({ conditions: Array(21).fill({ field: "open_conversation", value: true }) })).toMatchObject({
      ok: false,
      error: "conditions: at most 20 conditions",
    });
  });

  it("GIVEN a segment to save THEN the name is required and an empty Shopify query is none", () => {
    expect(parseSegmentInput({ name: " ", definition: {} })).toMatchObject({ ok: false, field: "name" });
    expect(parseSegmentInput({ name: " VIPs ", definition: {}, shopifyQuery: "  " })).toEqual({
      ok: true,
      value: { name: "VIPs", definition: { match: "all", conditions: [] }, shopifyQuery: null },
    });
    expect(parseSegmentPreview({ definition: {}, shopifyQuery: "number_of_orders >= 2" })).toMatchObject({
      ok: true,
      value: { shopifyQuery: "number_of_orders >= 2" },
    });
  });

  it("GIVEN a stored definition this code cannot read THEN it reads as null (matches nobody)", () => {
    expect(readStoredDefinition({ conditions: [{ field: "gone" }] })).toBeNull();
    expect(readStoredDefinition(null)).toEqual({ match: "all", conditions: [] });
  });

  it("GIVEN hostile text in values WHEN compiled THEN it only ever travels as a bound parameter", () => {
    const hostile = 'US\'); DROP TABLE "Customer"; --';
    const sql = compilePredicate("shop_1", {
      match: "all",
      conditions: [{ field: "rfm_group", in: ["CHAMPIONS"] }],
    });
    expect(sql.sql).not.toContain("CHAMPIONS");
    expect(sql.values).toContain("shop_1");
    // Even a value the schema would refuse never reaches the SQL text.
    const raw = compilePredicate("shop_1", {
      match: "any",
      conditions: [{ field: "country", in: [hostile] }],
    });
    expect(raw.sql).not.toContain("DROP");
    expect(raw.values).toContainEqual([hostile]);
    expect(raw.sql).toContain('c."mergedIntoId" IS NULL');
    expect(raw.sql).toContain('c."redactedAt" IS NULL');
  });
});
