// GraphQL → commerce input mapping, and the bulk JSONL layout.
import { describe, expect, it } from "vitest";
import { foldBulkLines, textLines } from "../../app/shopify/backfill/bulk-jsonl";
import { checkoutTokenOf } from "../../app/shopify/backfill/map-checkout";
import { mapCustomer } from "../../app/shopify/backfill/map-customer";
import { shipmentStatusOf } from "../../app/shopify/backfill/map-fulfillment";
import { mapOrder, orderFulfillmentStatusOf } from "../../app/shopify/backfill/map-order";
import type { GqlOrder } from "../../app/shopify/graphql/types";

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("bulk JSONL", () => {
  it("GIVEN parents followed by their __parentId children, split across chunks THEN each parent comes back with its children", async () => {
    const jsonl =
      '{"id":"gid://shopify/Order/1","name":"#1001"}\n' +
      '{"title":"Tee","__parentId":"gid://shopify/Order/1"}\n' +
      '{"title":"Socks","__parentId":"gid://shopify/Order/1"}\n' +
      '{"id":"gid://shopify/Order/2","name":"#1002"}\n';
    const parents = await collect(
      foldBulkLines(textLines(chunks(jsonl.slice(0, 30), jsonl.slice(30, 95), jsonl.slice(95)))),
    );

    expect(parents.map((p) => p.node.name)).toEqual(["#1001", "#1002"]);
    expect(parents[0].children.map((c) => c.title)).toEqual(["Tee", "Socks"]);
    expect(parents[1].children).toEqual([]);
  });
});

describe("GraphQL to commerce inputs", () => {
  it("maps displayStatus onto REST's shipment_status words", () => {
    expect(shipmentStatusOf("IN_TRANSIT")).toBe("in_transit");
    expect(shipmentStatusOf("OUT_FOR_DELIVERY")).toBe("out_for_delivery");
    expect(shipmentStatusOf("DELIVERED")).toBe("delivered");
    expect(shipmentStatusOf("ATTEMPTED_DELIVERY")).toBe("attempted_delivery");
    expect(shipmentStatusOf("FULFILLED")).toBeNull();
    expect(orderFulfillmentStatusOf("UNFULFILLED")).toBeNull();
    expect(orderFulfillmentStatusOf("PARTIALLY_FULFILLED")).toBe("partial");
  });

  it("reads marketing consent from defaultEmailAddress / defaultPhoneNumber (2026-10); REDACTED acts on nothing", () => {
    const input = mapCustomer({
      id: "gid://shopify/Customer/71",
      updatedAt: "2026-10-01T00:00:00Z",
      defaultEmailAddress: {
        emailAddress: "ava@example.com",
        marketingState: "SUBSCRIBED",
        marketingOptInLevel: "SINGLE_OPT_IN",
        marketingUpdatedAt: "2026-09-01T00:00:00Z",
      },
      defaultPhoneNumber: { phoneNumber: "+14155550123", marketingState: "REDACTED", marketingUpdatedAt: null },
    });
    expect(input.marketingConsent?.map((r) => [r.channel, r.state, r.occurredAt?.toISOString() ?? null])).toEqual([
      ["EMAIL", "GRANTED", "2026-09-01T00:00:00.000Z"],
      ["SMS", null, null],
    ]);
  });

  it("takes the checkout token from the recovery URL, as webhooks know it", () => {
    const gid = "gid://shopify/AbandonedCheckout/77";
    expect(checkoutTokenOf("https://shop.example/6015/checkouts/ac/abc123/recover?key=k", gid)).toBe("abc123");
    expect(checkoutTokenOf("https://shop.example/6015/checkouts/def456/recover?key=k", gid)).toBe("def456");
    expect(checkoutTokenOf("not a url", gid)).toBe("gid-77");
  });

  it("GIVEN an order with a fulfillment THEN ids become numbers and money, statuses and tracking carry over", () => {
    const order: GqlOrder = {
      id: "gid://shopify/Order/5300001001",
      name: "#1001",
      email: "ava@example.com",
      phone: null,
      currencyCode: "USD",
      totalPriceSet: { shopMoney: { amount: "117.00", currencyCode: "USD" } },
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      displayFulfillmentStatus: "FULFILLED",
      statusPageUrl: "https://shop.example/orders/abc",
      processedAt: "2026-11-01T10:00:00Z",
      updatedAt: "2026-11-04T10:00:00Z",
      customer: { id: "gid://shopify/Customer/71", email: "ava@example.com", updatedAt: "2026-10-01T00:00:00Z" },
      lineItems: {
        nodes: [
          {
            title: "Tee",
            quantity: 2,
            sku: "TL-TEE",
            originalUnitPriceSet: { shopMoney: { amount: "28.00", currencyCode: "USD" } },
            product: { id: "gid://shopify/Product/88" },
            variant: { id: "gid://shopify/ProductVariant/44" },
          },
        ],
      },
      fulfillments: [
        {
          id: "gid://shopify/Fulfillment/42",
          status: "SUCCESS",
          displayStatus: "IN_TRANSIT",
          trackingInfo: [{ company: "UPS", number: "1Z999", url: "https://ups.example/1Z999" }],
          createdAt: "2026-11-02T10:00:00Z",
          updatedAt: "2026-11-04T10:00:00Z",
        },
      ],
    };

    const input = mapOrder(order);

    expect(input).toMatchObject({
      shopifyOrderId: 5300001001n,
      totalPrice: "117.00",
      currency: "USD",
      financialStatus: "partially_refunded",
      fulfillmentStatus: "fulfilled",
      orderStatusUrl: "https://shop.example/orders/abc",
      customer: { shopifyCustomerId: 71n, email: "ava@example.com" },
      lineItems: [{ title: "Tee", quantity: 2, price: "28.00", productId: "88", variantId: "44", sku: "TL-TEE" }],
      fulfillments: [
        {
          shopifyFulfillmentId: 42n,
          shopifyOrderId: 5300001001n,
          status: "success",
          shipmentStatus: "in_transit",
          trackingCompany: "UPS",
          trackingNumber: "1Z999",
          email: "ava@example.com",
        },
      ],
    });
    expect(input.checkoutToken).toBeUndefined();
  });
});
