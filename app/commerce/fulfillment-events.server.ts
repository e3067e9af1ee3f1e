// Timeline events for a fulfillment. They need the order's customer, so they are
// recorded when both are known: by the fulfillment (order already stored) or by
// the order (fulfillment arrived first). Dedupe keys make both paths safe.
import type { Tx } from "./transaction.server";
import { recordTimelineEvent } from "../timeline/record-event.server";

export interface FulfillmentFacts {
  shopifyFulfillmentId: bigint;
  status: string | null;
  shipmentStatus: string | null;
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  createdAt: Date | null;
  updatedAt: Date;
  deliveredAt: Date | null;
}

export interface OrderOfFulfillment {
  id: string;
  name: string | null;
  customerId: string | null;
}

const NOT_SHIPPED = new Set(["cancelled", "error", "failure"]);

export async function recordFulfillmentEvents(
  tx: Tx,
  shopId: string,
  fulfillment: FulfillmentFacts,
  order: OrderOfFulfillment,
) {
  if (!order.customerId) return;
  const base = { shopId, customerId: order.customerId, orderId: order.id };
  const key = `fulfillment:${fulfillment.shopifyFulfillmentId}`;
  const orderLabel = order.name ?? "Order";
  const data = {
    shopifyFulfillmentId: fulfillment.shopifyFulfillmentId.toString(),
    trackingCompany: fulfillment.trackingCompany,
    trackingNumber: fulfillment.trackingNumber,
    trackingUrl: fulfillment.trackingUrl,
  };
  const status = fulfillment.status?.toLowerCase() ?? null;
  const shipmentStatus = fulfillment.shipmentStatus?.toLowerCase() ?? null;

  if (!status || !NOT_SHIPPED.has(status)) {
    await recordTimelineEvent(tx, {
      ...base,
      type: "ORDER_FULFILLED",
      occurredAt: fulfillment.createdAt ?? fulfillment.updatedAt,
      dedupeKey: `${key}:created`,
      title: `${orderLabel} fulfilled`,
      data,
    });
  }
  if (shipmentStatus === "delivered") {
    await recordTimelineEvent(tx, {
      ...base,
      type: "ORDER_DELIVERED",
      occurredAt: fulfillment.deliveredAt ?? fulfillment.updatedAt,
      dedupeKey: `${key}:delivered`,
      title: `${orderLabel} delivered`,
      data,
    });
  } else if (shipmentStatus) {
    await recordTimelineEvent(tx, {
      ...base,
      type: "FULFILLMENT_UPDATED",
      occurredAt: fulfillment.updatedAt,
      dedupeKey: `${key}:status:${shipmentStatus}`,
      title: `${orderLabel}: ${shipmentStatus.replaceAll("_", " ")}`,
      data: { ...data, shipmentStatus },
    });
  }
}

export function factsOfStoredFulfillment(row: {
  shopifyFulfillmentId: bigint;
  status: string | null;
  shipmentStatus: string | null;
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shopifyCreatedAt: Date | null;
  shopifyUpdatedAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}): FulfillmentFacts {
  return {
    ...row,
    createdAt: row.shopifyCreatedAt,
    updatedAt: row.shopifyUpdatedAt ?? row.createdAt,
  };
}
