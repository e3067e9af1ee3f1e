// Reading an order reference out of a customer's message (app/order-tracking/order-reference.ts),
// matching it against an order (order-checks.ts), and the per-cycle state (lookup-state.ts).
import { describe, expect, it } from "vitest";
import { askedState, lookupStateOf, verifiedState, withFailedCheck } from "../../app/order-tracking/lookup-state";
import { belongsToCustomer, detailsMatch, replyLocale } from "../../app/order-tracking/order-checks";
import {
  extractOrderReference,
  isCompleteReference,
  normalizePostcode,
  postcodesMatch,
} from "../../app/order-tracking/order-reference";

describe("extractOrderReference", () => {
  it.each([
    ["Where is my order #1001?", { orderNumber: "1001", email: null, postcode: null }],
    ["order 1001", { orderNumber: "1001", email: null, postcode: null }],
    [
      "My order number is 1001, email Ada@Example.COM",
      { orderNumber: "1001", email: "ada@example.com", postcode: null },
    ],
    ["order no. 1001 zip code 90210", { orderNumber: "1001", email: null, postcode: "90210" }],
    ["¿Dónde está mi pedido 1001? Código postal 28013", { orderNumber: "1001", email: null, postcode: "28013" }],
    ["número de pedido: 1002, cp 08001", { orderNumber: "1002", email: null, postcode: "08001" }],
    ["Où est ma commande n° 1003 ? code postal 75001", { orderNumber: "1003", email: null, postcode: "75001" }],
    [
      "numéro de commande 1004 et mon e-mail marie@exemple.fr",
      { orderNumber: "1004", email: "marie@exemple.fr", postcode: null },
    ],
    ["#1001 SW1A 1AA", { orderNumber: "1001", email: null, postcode: "SW1A 1AA" }],
    ["#1001 k1a-0b1", { orderNumber: "1001", email: null, postcode: "k1a-0b1" }],
    ["1001 90210", { orderNumber: "1001", email: null, postcode: "90210" }],
    ["1001, 90210-1234", { orderNumber: "1001", email: null, postcode: "90210-1234" }],
    ["postcode 3000 order 1005", { orderNumber: "1005", email: null, postcode: "3000" }],
    ["call me on +14155550123 about order 1001, zip 90210", { orderNumber: "1001", email: null, postcode: "90210" }],
  ])("%s", (text, expected) => {
    expect(extractOrderReference(text)).toEqual(expected);
  });

  it("GIVEN a lone year or quantity THEN no order number is guessed", () => {
    expect(extractOrderReference("I ordered it on March 3, 2026")).toEqual({
      orderNumber: null,
      email: null,
      postcode: null,
    });
    expect(extractOrderReference("where is my order?").orderNumber).toBeNull();
  });

  it("a complete reference is a number plus an email or a postcode", () => {
    expect(isCompleteReference(extractOrderReference("#1001 90210"))).toBe(true);
    expect(isCompleteReference(extractOrderReference("#1001 a@b.co"))).toBe(true);
    expect(isCompleteReference(extractOrderReference("#1001"))).toBe(false);
    expect(isCompleteReference(extractOrderReference("zip 90210"))).toBe(false);
  });
});

describe("postcodes", () => {
  it("compare upper case without spaces or dashes; a ZIP+4 matches its ZIP", () => {
    expect(normalizePostcode(" sw1a 1aa ")).toBe("SW1A1AA");
    expect(postcodesMatch("sw1a1aa", "SW1A 1AA")).toBe(true);
    expect(postcodesMatch("K1A-0B1", "k1a 0b1")).toBe(true);
    expect(postcodesMatch("90210", "90210-1234")).toBe(true);
    expect(postcodesMatch("90210-1234", "90210")).toBe(true);
    expect(postcodesMatch("90210-1234", "90210-9999")).toBe(false);
    expect(postcodesMatch("75001", "75002")).toBe(false);
    expect(postcodesMatch("75001", null)).toBe(false);
  });
});

describe("order checks", () => {
  const order = { customerGid: "gid://shopify/Customer/42", email: "Ada@Example.com", postcodes: ["90210"] };
  it("every detail given must match", () => {
    expect(detailsMatch(order, { orderNumber: "1001", email: "ada@example.com", postcode: null })).toBe(true);
    expect(detailsMatch(order, { orderNumber: "1001", email: null, postcode: "90210-0001" })).toBe(true);
    expect(detailsMatch(order, { orderNumber: "1001", email: "ada@example.com", postcode: "10001" })).toBe(false);
    expect(detailsMatch(order, { orderNumber: "1001", email: "eve@example.com", postcode: null })).toBe(false);
    expect(detailsMatch(order, { orderNumber: "1001", email: null, postcode: null })).toBe(false);
  });
  it("an order belongs to a customer by Shopify id only", () => {
    expect(belongsToCustomer(order, 42n)).toBe(true);
    expect(belongsToCustomer(order, 420n)).toBe(false);
    expect(belongsToCustomer({ ...order, customerGid: null }, 42n)).toBe(false);
  });
  it("a bare reply keeps the language of the question; a sentence is detected", () => {
    const asked = askedState(null, new Date(), "fr");
    expect(replyLocale("1001 75001", "en", asked)).toBe("fr");
    expect(replyLocale("Mi pedido es el 1001 y mi código postal 28013", "en", asked)).toBe("es");
    expect(replyLocale("1001 75001", "en", null)).toBe("en");
  });
});

describe("lookup state", () => {
  const cycle = new Date("2026-12-01T10:00:00Z");
  it("belongs to one cycle", () => {
    const asked = askedState(cycle, new Date(), "es");
    expect(lookupStateOf(asked, cycle)).toMatchObject({ state: "asked", failedChecks: 0, locale: "es" });
    expect(lookupStateOf(asked, new Date("2026-12-02T10:00:00Z"))).toBeNull();
    expect(lookupStateOf({ nonsense: true }, cycle)).toBeNull();
  });
  it("counts a failed check once per message and hands off at the third", () => {
    let s = withFailedCheck(askedState(null, new Date(), "en"), null, "m1", "en");
    expect(s.failedChecks).toBe(1);
    expect(withFailedCheck(s, null, "m1", "en").failedChecks).toBe(1);
    s = withFailedCheck(withFailedCheck(s, null, "m2", "en"), null, "m3", "en");
    expect(s).toMatchObject({ failedChecks: 3, state: "handed_off" });
  });
  it("keeps no personal data: only Shopify's order id once verified", () => {
    const v = verifiedState(askedState(null, new Date(), "en"), null, "gid://shopify/Order/7", "en");
    expect(Object.keys(v).sort()).toEqual(["askedAt", "cycle", "failedChecks", "locale", "state", "verifiedOrderId"]);
  });
});
