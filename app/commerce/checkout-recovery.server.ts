// A checkout whose token reappears on an order was completed: it is marked
// recovered whichever of the two arrives first.
import type { Checkout, Order } from "../generated/prisma/client";
import { recordTimelineEvent } from "../timeline/record-event.server";
import type { Tx } from "./transaction.server";

type OrderFacts = Pick<Order, "id" | "name" | "customerId" | "processedAt" | "totalPrice" | "currency">;

export async function markCheckoutRecovered(tx: Tx, checkout: Checkout, order: OrderFacts): Promise<void> {
  const customerId = checkout.customerId ?? order.customerId;
  const completedAt = checkout.completedAt ?? order.processedAt ?? new Date();
  if (checkout.recoveredOrderId !== order.id || !checkout.completedAt || !checkout.customerId) {
    await tx.checkout.update({
      where: { id: checkout.id },
      data: { recoveredOrderId: order.id, completedAt, customerId },
    });
  }
  if (!customerId) return;
  await recordTimelineEvent(tx, {
    shopId: checkout.shopId,
    customerId,
    type: "CHECKOUT_RECOVERED",
    occurredAt: completedAt,
    dedupeKey: `checkout:${checkout.token}:recovered`,
    title: `Checkout completed as ${order.name ?? "an order"}`,
    orderId: order.id,
    checkoutId: checkout.id,
    data: {
      token: checkout.token,
      orderName: order.name,
      totalPrice: order.totalPrice.toString(),
      currency: order.currency,
    },
  });
}
