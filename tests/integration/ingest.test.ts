// The ingest domain as the backfill calls it, and under concurrency (the
// webhook worker runs 20 jobs at once).
import { beforeEach, describe, expect, it } from "vitest";
import { ingestCheckout, ingestCustomer, ingestOrder } from "../../app/commerce/ingest.server";
import type { CheckoutInput, CustomerInput, OrderInput } from "../../app/commerce/types";
import { db } from "../../app/db/client.server";
import { createShop } from "../support/factories";

let shopId: string;

function guestOrder(id: number, overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    shopifyOrderId: BigInt(id),
    name: `#${id}`,
    email: "Rush.Buyer@Example.com",
    currency: "USD",
    totalPrice: "10.00",
    financialStatus: "PAID",
    lineItems: [{ title: "Socks", quantity: 1, price: "10.00" }],
    shippingAddress: { countryCode: "GB" },
    processedAt: new Date("2026-11-01T10:00:00Z"),
    updatedAt: new Date("2026-11-01T10:00:00Z"),
    ...overrides,
  };
}

beforeEach(async () => {
  await db().shop.deleteMany();
  shopId = (await createShop()).id;
});

describe("ingest under concurrency", () => {
  it("GIVEN many orders for one new guest at once THEN exactly one customer owns them all", async () => {
    const ids = Array.from({ length: 15 }, (_, i) => 1000 + i);
    await Promise.all(ids.map((id) => ingestOrder(shopId, guestOrder(id), "webhook")));

    const customers = await db().customer.findMany();
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({
      email: "rush.buyer@example.com",
      ordersCount: 15,
      countryCode: "GB",
      ianaTimezone: "Europe/London",
    });
    expect(await db().order.count({ where: { customerId: customers[0].id } })).toBe(15);
    expect(await db().customerIdentity.count()).toBe(1);
  });

  it("GIVEN the same order ingested many times at once THEN one order and one event per happening", async () => {
    await Promise.all(Array.from({ length: 10 }, () => ingestOrder(shopId, guestOrder(2000), "backfill")));

    expect(await db().order.count()).toBe(1);
    expect((await db().timelineEvent.findMany()).map((e) => e.dedupeKey).sort()).toEqual([
      "order:2000:paid",
      "order:2000:placed",
    ]);
  });
});

describe("ingest from the backfill", () => {
  it("GIVEN an open checkout from the backfill THEN it is started and abandoned at once", async () => {
    const checkout: CheckoutInput = {
      token: "bf-token",
      email: "cart@example.com",
      currency: "EUR",
      totalPrice: "42.00",
      lineItems: [],
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const { customerId } = await ingestCheckout(shopId, checkout, "backfill");

    const types = (await db().timelineEvent.findMany({ where: { customerId: customerId! } })).map((e) => e.type).sort();
    expect(types).toEqual(["CHECKOUT_ABANDONED", "CHECKOUT_STARTED"]);
  });

  it("GIVEN Shopify's lifetime figures for a customer THEN our own orders never lower them", async () => {
    const customer: CustomerInput = {
      shopifyCustomerId: 42n,
      email: "loyal@example.com",
      ordersCount: 12,
      totalSpent: "800.00",
      updatedAt: new Date("2026-11-01T00:00:00Z"),
    };
    await ingestCustomer(shopId, customer, "backfill");
    await ingestOrder(shopId, guestOrder(3000, { customer, email: "loyal@example.com" }), "backfill");

    const stored = await db().customer.findFirstOrThrow();
    expect(stored.ordersCount).toBe(12);
    expect(stored.totalSpent.toString()).toBe("800");
    expect((await db().order.findFirstOrThrow()).financialStatus).toBe("paid");
  });

  it("GIVEN an older customer payload after a newer one THEN the newer name is kept", async () => {
    const base: CustomerInput = {
      shopifyCustomerId: 77n,
      email: "a@example.com",
      firstName: "New",
      updatedAt: new Date("2026-11-02T00:00:00Z"),
    };
    await ingestCustomer(shopId, base, "webhook");
    await ingestCustomer(shopId, { ...base, firstName: "Old", updatedAt: new Date("2026-11-01T00:00:00Z") }, "webhook");

    expect((await db().customer.findFirstOrThrow()).firstName).toBe("New");
  });
});
