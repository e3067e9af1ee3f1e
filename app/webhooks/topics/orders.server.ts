// orders/create, orders/updated.
import { z } from "zod";
import { ingestOrder } from "../../commerce/ingest.server";
import { onOrderChanged } from "../../flow-runs/triggers.server";
import type { OrderInput } from "../../commerce/types";
import { restFulfillment } from "./fulfillments.server";
import { installedShopId } from "./installed-shop.server";
import { restAddress, restCustomer, restDate, restId, restLineItem, restMoney } from "./rest-fields";
import type { WebhookContext } from "./webhook-context";
import { enqueueOrderCustomersForSegments } from "../../segments/order-triggers.server";

const text = z.string().nullish();

const restOrder = z
  .object({
    id: restId,
    name: text,
    email: text,
    contact_email: text,
    phone: text,
    customer: restCustomer.nullish(),
    currency: z.string(),
    total_price: restMoney,
    financial_status: text,
    fulfillment_status: text,
    checkout_token: text,
    order_status_url: text,
    line_items: z.array(restLineItem).default([]),
    shipping_address: restAddress.nullish(),
    billing_address: restAddress.nullish(),
    customer_locale: text,
    processed_at: restDate.nullish(),
    created_at: restDate.nullish(),
    cancelled_at: restDate.nullish(),
    updated_at: restDate.nullish(),
    fulfillments: z.array(restFulfillment).default([]),
  })
  .transform((o): OrderInput => ({
    shopifyOrderId: o.id,
    name: o.name ?? null,
    customer: o.customer ?? null,
    email: o.email || o.contact_email || null,
    phone: o.phone ?? null,
    currency: o.currency,
    totalPrice: o.total_price,
    financialStatus: o.financial_status ?? null,
    fulfillmentStatus: o.fulfillment_status ?? null,
    checkoutToken: o.checkout_token ?? null,
    orderStatusUrl: o.order_status_url ?? null,
    lineItems: o.line_items,
    shippingAddress: o.shipping_address ?? o.billing_address ?? null,
    locale: o.customer_locale ?? null,
    processedAt: o.processed_at ?? o.created_at ?? null,
    cancelledAt: o.cancelled_at ?? null,
    updatedAt: o.updated_at ?? o.created_at ?? new Date(0),
    fulfillments: o.fulfillments,
  }));

export function orderInputFromRest(payload: unknown): OrderInput {
  return restOrder.parse(payload);
}

export async function handleOrderWebhook({ shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  const input = orderInputFromRest(payload);
  const { orderId, customerId } = await ingestOrder(shopId, input, "webhook");
  await onOrderChanged(shopId, orderId, topic === "orders/create");
  // Segments: this customer against every segment, after the commit (app/segments/).
  if (customerId) await enqueueOrderCustomersForSegments([{ id: orderId, shopId, customerId }], input.updatedAt);
}
