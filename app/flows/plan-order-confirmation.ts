// Order confirmation: one run per order, created by orders/create only.

export interface OrderFacts {
  id: string;
  cancelledAt: Date | null;
  customerId: string | null;
}

export type OrderConfirmationPlan =
  { start: false; reason: string } | { start: true; triggerKey: string; steps: { position: number; dueAt: Date }[] };

export function orderConfirmationTriggerKey(orderId: string): string {
  return `order:${orderId}`;
}

export function planOrderConfirmation(
  order: OrderFacts,
  created: boolean,
  steps: { position: number; delayMinutes: number }[],
  now: Date,
): OrderConfirmationPlan {
  if (!created) return { start: false, reason: "not a new order" };
  if (!order.customerId) return { start: false, reason: "order has no customer" };
  if (order.cancelledAt) return { start: false, reason: "order cancelled" };
  if (steps.length === 0) return { start: false, reason: "flow has no steps" };
  return {
    start: true,
    triggerKey: orderConfirmationTriggerKey(order.id),
    steps: [...steps]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ position: s.position, dueAt: new Date(now.getTime() + s.delayMinutes * 60_000) })),
  };
}
