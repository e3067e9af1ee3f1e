// Shipping updates: one run per fulfillment and shipment status, so Shopify
// repeating a status (or replaying a webhook) never produces a second message.

export const SHIPPED = "shipped";
export const MESSAGED_SHIPMENT_STATUSES = ["in_transit", "out_for_delivery", "delivered", "failure"] as const;
export type ShippingUpdateStatus = typeof SHIPPED | (typeof MESSAGED_SHIPMENT_STATUSES)[number];

export interface FulfillmentFacts {
  id: string;
  /** Fulfillment status (success, open, cancelled...), lower case. */
  status: string | null;
  /** Carrier status (in_transit, delivered...), lower case. */
  shipmentStatus: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

export type ShippingUpdatePlan =
  | { start: false; reason: string }
  | { start: true; triggerKey: string; status: ShippingUpdateStatus; steps: { position: number; dueAt: Date }[] };

export function shippingTriggerKey(fulfillmentId: string, status: ShippingUpdateStatus): string {
  return `fulfillment:${fulfillmentId}:${status}`;
}

/** The status a fulfillment is worth a message for, or why not. */
export function shippingStatusOf(f: FulfillmentFacts): ShippingUpdateStatus | { none: string } {
  const status = f.status?.toLowerCase() ?? null;
  if (status === "cancelled" || status === "error" || status === "failure") return { none: `fulfillment ${status}` };
  const shipment = f.shipmentStatus?.toLowerCase() ?? null;
  if (shipment && (MESSAGED_SHIPMENT_STATUSES as readonly string[]).includes(shipment))
    return shipment as ShippingUpdateStatus;
  if (shipment && shipment !== "confirmed" && shipment !== "label_printed" && shipment !== "label_purchased")
    return { none: `shipment status ${shipment} is not messaged` };
  if (!f.trackingNumber && !f.trackingUrl) return { none: "no tracking yet" };
  return SHIPPED;
}

export function planShippingUpdate(
  fulfillment: FulfillmentFacts,
  steps: { position: number; delayMinutes: number }[],
  now: Date,
): ShippingUpdatePlan {
  const status = shippingStatusOf(fulfillment);
  if (typeof status !== "string") return { start: false, reason: status.none };
  if (steps.length === 0) return { start: false, reason: "flow has no steps" };
  return {
    start: true,
    status,
    triggerKey: shippingTriggerKey(fulfillment.id, status),
    steps: [...steps]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ position: s.position, dueAt: new Date(now.getTime() + s.delayMinutes * 60_000) })),
  };
}
