// Timeline events an order payload implies. Each is keyed by the happening, so
// orders/create, every orders/updated and the backfill can all describe it.
import type { Tx } from "./transaction.server";
import { recordTimelineEvent } from "../timeline/record-event.server";
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
  const label = input.name ?? `Order ${input.shopifyOrderId}`;
  const key = `order:${input.shopifyOrderId}`;
  const placedAt = input.processedAt ?? input.updatedAt;
  const base = { shopId, customerId, orderId };
  const data = { name: input.name ?? null, totalPrice: input.totalPrice, currency: input.currency };

  await recordTimelineEvent(tx, {
    ...base,
    type: "ORDER_PLACED",
    occurredAt: placedAt,
    dedupeKey: `${key}:placed`,
    title: `${label} placed`,
    data,
  });
  if (input.financialStatus && PAID_STATUSES.has(input.financialStatus.toLowerCase())) {
    // Shopify does not say when payment happened; most orders are paid when placed.
    await recordTimelineEvent(tx, {
      ...base,
      type: "ORDER_PAID",
      occurredAt: placedAt,
      dedupeKey: `${key}:paid`,
      title: `${label} paid`,
      data,
    });
  }
  if (input.cancelledAt) {
    await recordTimelineEvent(tx, {
      ...base,
      type: "ORDER_CANCELLED",
      occurredAt: input.cancelledAt,
      dedupeKey: `${key}:cancelled`,
      title: `${label} cancelled`,
      data,
    });
  }
}
