import type { FulfillmentInput } from "../../commerce/types";
import { gidToBigInt } from "../graphql/gid";
import type { GqlFulfillment } from "../graphql/types";
import { toDate } from "./map-shared";

// Webhooks carry REST's shipment_status; GraphQL only has displayStatus. Mapping
// one onto the other keeps a fulfillment's row the same whichever source wrote it.
const SHIPMENT_STATUS_OF_DISPLAY_STATUS: Record<string, string> = {
  LABEL_PRINTED: "label_printed",
  LABEL_PURCHASED: "label_purchased",
  CONFIRMED: "confirmed",
  IN_TRANSIT: "in_transit",
  OUT_FOR_DELIVERY: "out_for_delivery",
  ATTEMPTED_DELIVERY: "attempted_delivery",
  READY_FOR_PICKUP: "ready_for_pickup",
  PICKED_UP: "picked_up",
  DELIVERED: "delivered",
  FAILURE: "failure",
  NOT_DELIVERED: "failure",
};

export function shipmentStatusOf(displayStatus: string | null | undefined): string | null {
  return (displayStatus && SHIPMENT_STATUS_OF_DISPLAY_STATUS[displayStatus]) || null;
}

/** REST's fulfillment status words are GraphQL's enum in lower case (SUCCESS → success). */
export function fulfillmentStatusOf(status: string | null | undefined): string | null {
  return status ? status.toLowerCase() : null;
}

export function mapFulfillment(
  fulfillment: GqlFulfillment,
  order: { shopifyOrderId: bigint; email?: string | null; phone?: string | null },
): FulfillmentInput {
  const tracking = fulfillment.trackingInfo?.[0];
  return {
    shopifyFulfillmentId: gidToBigInt(fulfillment.id),
    shopifyOrderId: order.shopifyOrderId,
    status: fulfillmentStatusOf(fulfillment.status),
    shipmentStatus: shipmentStatusOf(fulfillment.displayStatus),
    trackingCompany: tracking?.company ?? null,
    trackingNumber: tracking?.number ?? null,
    trackingUrl: tracking?.url ?? null,
    createdAt: toDate(fulfillment.createdAt),
    updatedAt: new Date(fulfillment.updatedAt),
    email: order.email ?? null,
    phone: order.phone ?? null,
  };
}
