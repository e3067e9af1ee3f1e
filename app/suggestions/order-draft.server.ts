// The order-status draft, from our stored Order and Fulfillment rows (kept current by Shopify's
// order and fulfillment webhooks), in the words the automatic order answer uses
// (app/order-tracking/order-status-text.ts). Only the conversation's own customer's orders.
import { db } from "../db/client.server";
import type { KnowledgeLocale } from "../knowledge/contracts";
import { applyBrandVoice } from "../knowledge/brand-voice.server";
import { orderStatusText, type TrackedOrder } from "../order-tracking/order-status-text";
import { RECENT_ORDER_DAYS, type Draft } from "./contracts";

/** Shopify's REST fulfillment_status → the GraphQL display status the text speaks. */
function displayFulfillmentStatus(status: string | null): string {
  if (status === "fulfilled") return "FULFILLED";
  if (status === "partial") return "PARTIALLY_FULFILLED";
  return "UNFULFILLED";
}

/** "#1001", "order 1001": the order numbers a message names. */
function orderNumbersIn(text: string): string[] {
  return [...text.matchAll(/#?\b(\d{3,10})\b/g)].map((m) => m[1]!);
}

export async function orderDraft(input: {
  shopId: string;
  customerId: string;
  text: string;
  asksAboutOrder: boolean;
  locale: KnowledgeLocale;
  timeZone: string;
  now?: Date;
}): Promise<Draft | null> {
  const orders = await db().order.findMany({
    where: { shopId: input.shopId, customerId: input.customerId },
    orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: 10,
    select: {
      shopifyOrderId: true,
      name: true,
      cancelledAt: true,
      fulfillmentStatus: true,
      orderStatusUrl: true,
      processedAt: true,
      createdAt: true,
    },
  });
  const named = orderNumbersIn(input.text);
  const order =
    orders.find((o) => named.some((n) => o.name?.replace(/^#/, "") === n || o.shopifyOrderId.toString() === n)) ??
    orders[0];
  if (!order) return null;
  const placedAt = order.processedAt ?? order.createdAt;
  const recent = (input.now ?? new Date()).getTime() - placedAt.getTime() <= RECENT_ORDER_DAYS * 86_400_000;
  if (!input.asksAboutOrder && !recent) return null;

  const fulfillments = await db().fulfillment.findMany({
    where: { shopId: input.shopId, shopifyOrderId: order.shopifyOrderId },
    orderBy: [{ shopifyCreatedAt: "asc" }, { createdAt: "asc" }],
    select: {
      status: true,
      shipmentStatus: true,
      trackingCompany: true,
      trackingNumber: true,
      trackingUrl: true,
      deliveredAt: true,
    },
  });
  const name = order.name ?? `#${order.shopifyOrderId}`;
  const tracked: TrackedOrder = {
    name,
    cancelledAt: order.cancelledAt,
    displayFulfillmentStatus: displayFulfillmentStatus(order.fulfillmentStatus),
    statusPageUrl: order.orderStatusUrl,
    fulfillments: fulfillments.map((f) => ({
      displayStatus: f.status === "cancelled" ? "CANCELED" : (f.shipmentStatus?.toUpperCase() ?? null),
      company: f.trackingCompany,
      number: f.trackingNumber,
      url: f.trackingUrl,
      // Shopify's estimate is not in the webhook payloads we store.
      estimatedDeliveryAt: null,
      deliveredAt: f.deliveredAt,
    })),
  };
  const text = orderStatusText(tracked, input.locale, input.timeZone);
  return { kind: "order_status", articleId: null, text: await applyBrandVoice(input.shopId, text, input.locale) };
}
