// Fulfillments are stored by Shopify's order id (no foreign key), so one that
// arrives before its order is kept and its events are recorded once the order lands.
import type { Fulfillment } from "../generated/prisma/client";
import { factsOfStoredFulfillment, recordFulfillmentEvents } from "./fulfillment-events.server";
import type { Tx } from "./transaction.server";
import type { FulfillmentInput } from "./types";

function lower(value: string | null | undefined): string | null {
  return value ? value.toLowerCase() : null;
}

export async function upsertFulfillment(tx: Tx, shopId: string, input: FulfillmentInput): Promise<Fulfillment> {
  const where = { shopId_shopifyFulfillmentId: { shopId, shopifyFulfillmentId: input.shopifyFulfillmentId } };
  const existing = await tx.fulfillment.findUnique({ where });
  const shipmentStatus = lower(input.shipmentStatus);
  const fields = {
    shopifyOrderId: input.shopifyOrderId,
    status: lower(input.status),
    shipmentStatus,
    trackingCompany: input.trackingCompany ?? null,
    trackingNumber: input.trackingNumber ?? null,
    trackingUrl: input.trackingUrl ?? null,
    lineItems: input.lineItems ? (input.lineItems as object[]) : undefined,
    shopifyCreatedAt: input.createdAt ?? null,
    shopifyUpdatedAt: input.updatedAt,
  };
  if (!existing) {
    return tx.fulfillment.create({
      data: {
        ...fields,
        shopId,
        shopifyFulfillmentId: input.shopifyFulfillmentId,
        deliveredAt: shipmentStatus === "delivered" ? input.updatedAt : null,
      },
    });
  }
  const isNewer = !existing.shopifyUpdatedAt || existing.shopifyUpdatedAt < input.updatedAt;
  if (!isNewer) return existing;
  await tx.fulfillment.updateMany({
    where: { id: existing.id, OR: [{ shopifyUpdatedAt: null }, { shopifyUpdatedAt: { lt: input.updatedAt } }] },
    data: { ...fields, deliveredAt: existing.deliveredAt ?? (shipmentStatus === "delivered" ? input.updatedAt : null) },
  });
  return (await tx.fulfillment.findUnique({ where }))!;
}

/** Upserts the fulfillment and records its events when its order (and customer) is known. */
export async function applyFulfillment(tx: Tx, shopId: string, input: FulfillmentInput): Promise<Fulfillment> {
  const stored = await upsertFulfillment(tx, shopId, input);
  const order = await tx.order.findUnique({
    where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: input.shopifyOrderId } },
    select: { id: true, name: true, customerId: true },
  });
  if (order) {
    // The stored row holds the newest state; an older payload may still add its own event.
    await recordFulfillmentEvents(tx, shopId, factsOfStoredFulfillment(stored), order);
    await recordFulfillmentEvents(
      tx,
      shopId,
      {
        ...factsOfStoredFulfillment(stored),
        status: lower(input.status),
        shipmentStatus: lower(input.shipmentStatus),
        updatedAt: input.updatedAt,
        deliveredAt: stored.deliveredAt ?? input.updatedAt,
      },
      order,
    );
  }
  return stored;
}
