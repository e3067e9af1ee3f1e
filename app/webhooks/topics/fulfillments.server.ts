// fulfillments/create, fulfillments/update (and the fulfillments[] inside orders).
import { z } from "zod";
import { ingestFulfillment } from "../../commerce/ingest.server";
import { onFulfillmentChanged } from "../../flow-runs/triggers.server";
import type { FulfillmentInput } from "../../commerce/types";
import { installedShopId } from "./installed-shop.server";
import { restDate, restId, restLineItem } from "./rest-fields";
import type { WebhookContext } from "./webhook-context";

const text = z.string().nullish();

export const restFulfillment = z
  .object({
    id: restId,
    order_id: restId,
    status: text,
    shipment_status: text,
    tracking_company: text,
    tracking_number: text,
    tracking_url: text,
    line_items: z.array(restLineItem).nullish(),
    email: text,
    destination: z.object({ phone: text }).nullish(),
    created_at: restDate.nullish(),
    updated_at: restDate.nullish(),
  })
  .transform((f): FulfillmentInput => ({
    shopifyFulfillmentId: f.id,
    shopifyOrderId: f.order_id,
    status: f.status ?? null,
    shipmentStatus: f.shipment_status ?? null,
    trackingCompany: f.tracking_company ?? null,
    trackingNumber: f.tracking_number ?? null,
    trackingUrl: f.tracking_url ?? null,
    lineItems: f.line_items ?? [],
    createdAt: f.created_at ?? null,
    updatedAt: f.updated_at ?? f.created_at ?? new Date(0),
    email: f.email ?? null,
    phone: f.destination?.phone ?? null,
  }));

export function fulfillmentInputFromRest(payload: unknown): FulfillmentInput {
  return restFulfillment.parse(payload);
}

export async function handleFulfillmentWebhook({ shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  const { fulfillmentId } = await ingestFulfillment(shopId, fulfillmentInputFromRest(payload), "webhook");
  await onFulfillmentChanged(shopId, fulfillmentId);
}
