// buildTemplateContext from real rows: checkout, order and fulfillment contexts,
// and shop scoping (another shop's ids are an error, never its data).
import { beforeEach, describe, expect, it } from "vitest";
import type { LineItemInput } from "../../app/commerce/types";
import { db } from "../../app/db/client.server";
import { buildTemplateContext, TemplateContextError } from "../../app/templates/context.server";
import { renderMessage } from "../../app/templates/render.server";
import { createShop } from "../support/factories";

let shopId: string;
let customerId: string;

const lineItems: LineItemInput[] = [
  { title: "Linen shirt", quantity: 2, price: "45.00", productId: "7001", variantId: "4001", sku: "LIN-M" },
  { title: "Canvas tote", quantity: 1, price: "18.5", productId: "7002", variantId: "4002", sku: null },
];

beforeEach(async () => {
  await db().shop.deleteMany();
  const shop = await createShop();
  await db().shop.update({
    where: { id: shop.id },
    data: { email: "hello@threadline.test", currency: "EUR", primaryLocale: "fr" },
  });
  shopId = shop.id;
  customerId = (
    await db().customer.create({
      data: {
        shopId,
        firstName: "Maya",
        lastName: "Okafor",
        email: "maya@example.com",
        phone: "+447700900123",
        locale: "en-GB",
      },
    })
  ).id;
});

async function createOrder(overrides: { shopId?: string; customerId?: string | null; shopifyOrderId?: bigint } = {}) {
  return db().order.create({
    data: {
      shopId: overrides.shopId ?? shopId,
      shopifyOrderId: overrides.shopifyOrderId ?? 5001n,
      customerId: overrides.customerId === undefined ? customerId : overrides.customerId,
      name: "#1042",
      currency: "GBP",
      totalPrice: "108.5",
      orderStatusUrl: "https://threadline-demo.myshopify.com/123/orders/abc/authenticate?key=k",
      lineItems: lineItems as object[],
    },
  });
}

describe("buildTemplateContext", () => {
  it("GIVEN an open checkout THEN shop, customer and checkout variables come from the rows", async () => {
    const checkout = await db().checkout.create({
      data: {
        shopId,
        token: "tok-1",
        customerId,
        currency: "GBP",
        totalPrice: "108.50",
        abandonedCheckoutUrl: "https://threadline-demo.myshopify.com/checkouts/tok-1/recover?key=k",
        lineItems: lineItems as object[],
      },
    });

    const context = await buildTemplateContext({
      shopId,
      customerId,
      checkoutId: checkout.id,
      unsubscribeUrl: "https://app.test/unsubscribe/t",
    });

    expect(context).toEqual({
      locale: "en-GB",
      currency: "GBP",
      shop: {
        name: "Threadline Demo",
        domain: "threadline-demo.myshopify.com",
        url: "https://threadline-demo.myshopify.com",
        email: "hello@threadline.test",
        currency: "EUR",
      },
      customer: {
        first_name: "Maya",
        last_name: "Okafor",
        name: "Maya Okafor",
        email: "maya@example.com",
        phone: "+447700900123",
        locale: "en-GB",
      },
      checkout: {
        abandoned_checkout_url: "https://threadline-demo.myshopify.com/checkouts/tok-1/recover?key=k",
        line_items: [
          {
            title: "Linen shirt",
            quantity: 2,
            price: "45.00",
            line_price: "90.00",
            variant_title: null,
            product_id: "7001",
            variant_id: "4001",
            sku: "LIN-M",
            image_url: null,
          },
          {
            title: "Canvas tote",
            quantity: 1,
            price: "18.50",
            line_price: "18.50",
            variant_title: null,
            product_id: "7002",
            variant_id: "4002",
            sku: null,
            image_url: null,
          },
        ],
        total_price: "108.50",
        currency: "GBP",
        item_count: 3,
      },
      order: null,
      fulfillment: null,
      review_url: null,
      unsubscribe_url: "https://app.test/unsubscribe/t",
    });

    const rendered = await renderMessage(
      {
        subject: "{{ checkout.item_count }} items left",
        body: "Hi {{ customer.first_name }}, {{ checkout.total_price | money }}: {{ checkout.abandoned_checkout_url }}",
      },
      context,
    );
    expect(rendered).toEqual({
      ok: true,
      subject: "3 items left",
      body: "Hi Maya, £108.50: https://threadline-demo.myshopify.com/checkouts/tok-1/recover?key=k",
    });
  });

  it("GIVEN an order THEN order variables and a review link to the first product", async () => {
    const order = await createOrder();
    const context = await buildTemplateContext({ shopId, customerId, orderId: order.id });
    expect(context.order).toMatchObject({
      name: "#1042",
      order_status_url: "https://threadline-demo.myshopify.com/123/orders/abc/authenticate?key=k",
      total_price: "108.50",
      currency: "GBP",
      item_count: 3,
    });
    expect(context.order?.line_items.map((i) => i.title)).toEqual(["Linen shirt", "Canvas tote"]);
    expect(context.review_url).toBe("https://threadline-demo.myshopify.com/products/7001#reviews");
    expect(context.checkout).toBeNull();
    expect(context.unsubscribe_url).toBeNull();
  });

  it("GIVEN a fulfillment THEN its tracking, and its order found by Shopify order id", async () => {
    await createOrder({ shopifyOrderId: 6001n });
    const fulfillment = await db().fulfillment.create({
      data: {
        shopId,
        shopifyFulfillmentId: 9001n,
        shopifyOrderId: 6001n,
        status: "success",
        shipmentStatus: "out_for_delivery",
        trackingCompany: "Royal Mail",
        trackingNumber: "RM123456789GB",
        trackingUrl: "https://track.example/RM123456789GB",
        lineItems: [lineItems[1]] as object[],
      },
    });

    const context = await buildTemplateContext({ shopId, customerId, fulfillmentId: fulfillment.id });
    expect(context.fulfillment).toEqual({
      tracking_company: "Royal Mail",
      tracking_number: "RM123456789GB",
      tracking_url: "https://track.example/RM123456789GB",
      shipment_status: "out_for_delivery",
      status: "success",
      line_items: [expect.objectContaining({ title: "Canvas tote", quantity: 1 })],
    });
    expect(context.order?.name).toBe("#1042");
    expect(context.review_url).toBe("https://threadline-demo.myshopify.com/products/7001#reviews");
  });

  it("GIVEN a fulfillment whose order has not arrived THEN the order is null and the review link uses its items", async () => {
    const fulfillment = await db().fulfillment.create({
      data: {
        shopId,
        shopifyFulfillmentId: 9002n,
        shopifyOrderId: 7777n,
        trackingNumber: "X1",
        lineItems: [{ title: "Mug", quantity: 1, price: "12.00", productId: "8001" }],
      },
    });
    const context = await buildTemplateContext({ shopId, customerId, fulfillmentId: fulfillment.id });
    expect(context.order).toBeNull();
    expect(context.fulfillment?.shipment_status).toBeNull();
    expect(context.review_url).toBe("https://threadline-demo.myshopify.com/products/8001#reviews");
  });

  it("GIVEN an order without product ids THEN the review link is the order status page", async () => {
    const order = await db().order.create({
      data: {
        shopId,
        shopifyOrderId: 5002n,
        customerId,
        orderStatusUrl: "https://threadline-demo.myshopify.com/status/5002",
        lineItems: [{ title: "Gift card", quantity: 1, price: "25.00" }],
      },
    });
    const context = await buildTemplateContext({ shopId, customerId, orderId: order.id });
    expect(context.review_url).toBe("https://threadline-demo.myshopify.com/status/5002");
  });

  it("GIVEN a customer without a name or locale THEN blanks, the checkout's locale, then the shop's", async () => {
    const anonymous = await db().customer.create({ data: { shopId, email: "anon@example.com" } });
    const checkout = await db().checkout.create({ data: { shopId, token: "tok-es", locale: "es-MX" } });
    const withCheckout = await buildTemplateContext({ shopId, customerId: anonymous.id, checkoutId: checkout.id });
    expect(withCheckout.customer).toMatchObject({ first_name: null, name: null, locale: "es-MX" });
    expect(withCheckout.locale).toBe("es-MX");
    const bare = await buildTemplateContext({ shopId, customerId: anonymous.id });
    expect(bare.locale).toBe("fr");
    expect(bare.currency).toBe("EUR");
    const rendered = await renderMessage({ body: "Hi {{ customer.first_name | default: 'there' }}" }, bare);
    expect(rendered).toMatchObject({ ok: true, body: "Hi there" });
  });
});

describe("shop scoping", () => {
  let otherShopId: string;
  beforeEach(async () => {
    otherShopId = (await createShop({ domain: "other-shop.myshopify.com" })).id;
  });

  it("GIVEN another shop's customer THEN it throws and shows nothing of theirs", async () => {
    const stranger = await db().customer.create({
      data: { shopId: otherShopId, firstName: "Stranger", email: "stranger@example.com" },
    });
    const attempt = buildTemplateContext({ shopId, customerId: stranger.id });
    await expect(attempt).rejects.toBeInstanceOf(TemplateContextError);
    await expect(attempt).rejects.toThrow(`Customer ${stranger.id} does not exist in this shop`);
  });

  it("GIVEN another shop's checkout, order or fulfillment THEN it throws", async () => {
    const checkout = await db().checkout.create({ data: { shopId: otherShopId, token: "theirs" } });
    const order = await createOrder({ shopId: otherShopId, customerId: null, shopifyOrderId: 99n });
    const fulfillment = await db().fulfillment.create({
      data: { shopId: otherShopId, shopifyFulfillmentId: 1n, shopifyOrderId: 99n },
    });
    await expect(buildTemplateContext({ shopId, customerId, checkoutId: checkout.id })).rejects.toThrow(
      /Checkout .* does not exist in this shop/,
    );
    await expect(buildTemplateContext({ shopId, customerId, orderId: order.id })).rejects.toThrow(
      /Order .* does not exist in this shop/,
    );
    await expect(buildTemplateContext({ shopId, customerId, fulfillmentId: fulfillment.id })).rejects.toThrow(
      /Fulfillment .* does not exist in this shop/,
    );
  });

  it("GIVEN a fulfillment of ours whose Shopify order id matches another shop's order THEN that order never shows", async () => {
    await createOrder({ shopId: otherShopId, customerId: null, shopifyOrderId: 4242n });
    const fulfillment = await db().fulfillment.create({
      data: { shopId, shopifyFulfillmentId: 2n, shopifyOrderId: 4242n },
    });
    const context = await buildTemplateContext({ shopId, customerId, fulfillmentId: fulfillment.id });
    expect(context.order).toBeNull();
  });
});
