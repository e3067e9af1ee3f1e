// Timeline events an order payload implies. Each is keyed by the happening, so
// orders/create, every orders/updated and the backfill can all describe it.
import type { Tx } from "./transaction.server";
import { recordTimelineEvent, type TimelineEventInput } from "../timeline/record-event.server";
import type { OrderInput } from "./types";

// Refunded orders were paid first; a payload seen only after the refund still proves payment.
const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

export async function recordOrderEvents(
  tx: Tx,
  shopId: string,
  orderId: string,
  customerId: string,
  input: OrderInput,
) {
  for (const event of orderEventRows(shopId, orderId, customerId, input)) await recordTimelineEvent(tx, event);
}

/** The events an order payload implies (the batch ingest inserts many orders' at once). */
export function orderEventRows(
  shopId: string,
  orderId: string,
  customerId: string,
  input: OrderInput,
): TimelineEventInput[] {
  const label = input.name ?? `Order ${input.shopifyOrderId}`;
  const key = `order:${input.shopifyOrderId}`;
  const placedAt = input.processedAt ?? input.updatedAt;
  const base = { shopId, customerId, orderId };
  const data = { name: input.name ?? null, totalPrice: input.totalPrice, currency: input.currency };
  const events: TimelineEventInput[] = [
    { ...base, type: "ORDER_PLACED", occurredAt: placedAt, dedupeKey: `${key}:placed`, title: `${label} placed`, data },
  ];
  if (input.financialStatus && PAID_STATUSES.has(input.financialStatus.toLowerCase())) {
    // Shopify does not say when payment happened; most orders are paid when placed.
    events.push({
      ...base,
      type: "ORDER_PAID",
      occurredAt: placedAt,
      dedupeKey: `${key}:paid`,
      title: `${label} paid`,
      data,
    });
  }
  if (input.cancelledAt) {
    events.push({
      ...base,
      type: "ORDER_CANCELLED",
      occurredAt: input.cancelledAt,
      dedupeKey: `${key}:cancelled`,
      title: `${label} cancelled`,
      data,
    });
  }
  return events;
}
