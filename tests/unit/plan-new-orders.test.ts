// Which orders of a batch the set-based path takes, and which it leaves to the per-order path.
import { describe, expect, it } from "vitest";
import {
  planNewOrders,
  updatedCustomer,
  type NewOrderCandidate,
  type NewOrderState,
} from "../../app/dispatch/new-orders/plan-new-orders";
import type { OrderInput } from "../../app/commerce/types";

const NOW = new Date("2026-12-03T12:00:00Z");
let seq = 0;
const ids = () => `id-${++seq}`;

function order(n: number, customer: Partial<NonNullable<OrderInput["customer"]>> | null = {}): NewOrderCandidate {
  return {
    receiptId: `r${n}`,
    shopId: "shop",
    input: {
      shopifyOrderId: BigInt(1000 + n),
      name: `#${n}`,
      email: `c${n}@example.com`,
      phone: null,
      currency: "EUR",
      totalPrice: "10.00",
      lineItems: [],
      updatedAt: NOW,
      processedAt: NOW,
      customer:
        customer === null
          ? null
          : { shopifyCustomerId: BigInt(5000 + n), email: `c${n}@example.com`, updatedAt: NOW, ...customer },
    } as OrderInput,
  };
}

function state(over: Partial<NewOrderState> = {}): NewOrderState {
  return {
    existingOrders: new Set(),
    customersByShopifyId: new Map(),
    identities: [],
    needsFullPath: new Set(),
    orderConfirmation: new Map([["shop", { id: "flow", enabled: true, steps: [{ position: 0, delayMinutes: 0 }] }]]),
    ...over,
  };
}

describe("planNewOrders", () => {
  it("takes new customers' orders with a run each, and leaves guests, known orders and flagged orders to the per-order path", () => {
    const plan = planNewOrders(
      [order(1), order(2, null), order(3), order(4)],
      state({ existingOrders: new Set(["shop|1003"]), needsFullPath: new Set(["shop|1004"]) }),
      ids,
      NOW,
    );
    expect(plan.receiptIds).toEqual(["r1"]);
    expect(plan.fullPath.sort()).toEqual(["r2", "r3", "r4"]);
    expect(plan.newCustomers.map((c) => c.email)).toEqual(["c1@example.com"]);
    expect(plan.identities.map((i) => `${i.kind}:${i.value}`)).toEqual([
      "SHOPIFY_CUSTOMER:5001",
      "EMAIL:c1@example.com",
    ]);
    expect(plan.runs).toHaveLength(1);
    expect(plan.runs[0].steps[0].dueAt).toEqual(NOW);
    expect(plan.events.map((e) => e.type)).toEqual(["ORDER_PLACED"]);
  });

  it("gives an address to the first of two Shopify customers sharing it, as the per-order path would, and sends a second order of one customer to the per-order path", () => {
    const shared = { email: "family@example.com" };
    const plan = planNewOrders(
      [order(1, shared), order(2, shared), order(3, { shopifyCustomerId: 5001n })],
      state(),
      ids,
      NOW,
    );
    expect(plan.receiptIds).toEqual(["r1", "r2"]);
    expect(plan.fullPath).toEqual(["r3"]);
    const emails = plan.identities.filter((i) => i.kind === "EMAIL");
    expect(emails.map((i) => i.value)).toEqual(["family@example.com", "c1@example.com", "c2@example.com"]);
    expect(emails[0].customerId).toBe(plan.newCustomers[0].id);
  });

  it("leaves a new Shopify customer whose address belongs to a guest (who may be adopted) or to a merged customer to the per-order path", () => {
    const known = (owner: bigint | null, merged: string | null) =>
      state({
        identities: [
          {
            shopId: "shop",
            kind: "EMAIL",
            value: "c1@example.com",
            customerId: "guest",
            ownerShopifyCustomerId: owner,
            ownerMergedIntoId: merged,
          },
        ],
      });
    expect(planNewOrders([order(1)], known(null, null), ids, NOW).fullPath).toEqual(["r1"]);
    expect(planNewOrders([order(1)], known(9n, "other"), ids, NOW).fullPath).toEqual(["r1"]);
    const other = planNewOrders([order(1)], known(9n, null), ids, NOW);
    expect(other.receiptIds).toEqual(["r1"]);
    expect(other.identities.map((i) => i.kind)).toEqual(["SHOPIFY_CUSTOMER"]);
  });

  it("starts no run for a cancelled order or a shop whose order confirmation is off", () => {
    const cancelled = order(1);
    cancelled.input.cancelledAt = NOW;
    expect(planNewOrders([cancelled], state(), ids, NOW).runs).toEqual([]);
    const off = state({ orderConfirmation: new Map([["shop", { id: "flow", enabled: false, steps: [] }]]) });
    expect(planNewOrders([order(2)], off, ids, NOW).runs).toEqual([]);
  });
});

describe("updatedCustomer", () => {
  const current = {
    id: "c",
    firstName: "Old",
    lastName: null,
    email: null,
    phone: "+33612345678",
    locale: null,
    countryCode: null,
    ianaTimezone: null,
    ordersCount: 3,
    totalSpent: "30.00",
    shopifyCreatedAt: null,
    shopifyUpdatedAt: new Date("2026-12-01T00:00:00Z"),
  };
  const update = {
    id: "c",
    firstName: "New",
    lastName: null,
    email: null,
    phone: null,
    locale: "fr",
    countryCode: "FR",
    ordersCount: null,
    totalSpent: null,
    shopifyCreatedAt: null,
    shopifyUpdatedAt: NOW,
    firstEmail: "a@example.com",
    firstPhone: "+33700000000",
    contextLocale: "fr",
    contextCountryCode: "FR",
  };
  it("fills blanks, applies a newer payload's fields and never blanks one", () => {
    expect(updatedCustomer(current, update)).toMatchObject({
      firstName: "New",
      email: "a@example.com",
      phone: "+33612345678",
      locale: "fr",
      countryCode: "FR",
      ianaTimezone: "Europe/Paris",
      ordersCount: 3,
      shopifyUpdatedAt: NOW,
    });
  });
  it("keeps the fields of a newer stored payload, filling only blanks", () => {
    const older = { ...update, shopifyUpdatedAt: new Date("2026-11-01T00:00:00Z") };
    expect(updatedCustomer(current, older)).toMatchObject({ firstName: "Old", email: "a@example.com", locale: "fr" });
  });
});
