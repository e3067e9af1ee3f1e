// Shopify ids are 64-bit. The payloads `shopify app webhook trigger` sends (Shopify's own samples)
// carry ids such as 820982911946154508, beyond JavaScript's safe integers: every id must reach its
// row exactly as Shopify wrote it, through the signed POST /webhooks, the stored receipt and the mapper.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { createShop } from "../support/factories";
import { deliverAndProcess } from "../support/shopify-webhook";

/** A sample's exact bytes: parsing it in the test would already round its ids. */
const sample = (name: string) =>
  readFileSync(resolve("tests", "fixtures", "webhooks", "shopify-samples", `${name}.json`), "utf8");

const ORDER_ID = 820982911946154508n;
const CUSTOMER_ID = 115310627314723954n;

let shopId: string;

beforeEach(async () => {
  await db().shop.deleteMany();
  await db().webhookReceipt.deleteMany();
  await getQueue("webhooks").obliterate({ force: true });
  shopId = (await createShop()).id;
});

describe("64-bit Shopify ids from Shopify's sample payloads", () => {
  it("GIVEN Shopify's sample orders/create WHEN posted signed and processed THEN the order, its customer and line items keep every digit", async () => {
    const receipt = await deliverAndProcess("orders/create", sample("orders-create"));

    expect(receipt).toMatchObject({ status: "PROCESSED", error: null });
    const order = await db().order.findFirstOrThrow({ where: { shopId } });
    expect(order.shopifyOrderId).toBe(ORDER_ID);
    const customer = await db().customer.findUniqueOrThrow({ where: { id: order.customerId! } });
    expect(customer.shopifyCustomerId).toBe(CUSTOMER_ID);
    expect(order.lineItems).toMatchObject([
      { productId: "632910392046154508", variantId: "808950810046154508" },
      { productId: "632910392", variantId: "808950810" },
    ]);
    // The stored receipt keeps Shopify's number, not a rounded one (jsonb numbers are exact).
    const [stored] = await db().$queryRaw<{ id: string }[]>`
      SELECT "payload"->>'id' AS "id" FROM "WebhookReceipt" WHERE "id" = ${receipt.id}`;
    expect(stored.id).toBe("820982911946154508");
  });

  it("GIVEN the order, then Shopify's sample fulfillments/create for it THEN the fulfillment keeps its exact id and its order's", async () => {
    await deliverAndProcess("orders/create", sample("orders-create"));
    const receipt = await deliverAndProcess("fulfillments/create", sample("fulfillments-create"));

    expect(receipt).toMatchObject({ status: "PROCESSED", error: null });
    const order = await db().order.findFirstOrThrow({ where: { shopId } });
    const fulfillment = await db().fulfillment.findFirstOrThrow({ where: { shopId } });
    expect(fulfillment.shopifyFulfillmentId).toBe(123456046154508n);
    expect(fulfillment.shopifyOrderId).toBe(order.shopifyOrderId);
    expect(order.shopifyOrderId).toBe(ORDER_ID);
  });

  it("GIVEN Shopify's sample checkouts/create WHEN processed THEN the checkout and its customer keep every digit", async () => {
    const receipt = await deliverAndProcess("checkouts/create", sample("checkouts-create"));

    expect(receipt).toMatchObject({ status: "PROCESSED", error: null });
    const checkout = await db().checkout.findFirstOrThrow({ where: { shopId } });
    expect(checkout.shopifyCheckoutId).toBe(981820079255243537n);
    const customer = await db().customer.findUniqueOrThrow({ where: { id: checkout.customerId! } });
    expect(customer.shopifyCustomerId).toBe(603851970716743426n);
  });
});
