// Why a cart-recovery run must stop, or null to carry on. Pure: the caller loads
// the facts (checkout, orders since, the customer's last inbound message, consent).

export interface CartRecoveryRunFacts {
  checkoutToken: string;
  customerId: string;
  /** Normalised (lower-case email, E.164 phone). */
  email: string | null;
  phone: string | null;
  /** Orders placed at or after this instant by the same customer/email/phone stop the run. */
  since: Date;
}

export interface OrderFactsForStop {
  checkoutToken: string | null;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  placedAt: Date;
}

export interface CartRecoveryStopFacts {
  run: CartRecoveryRunFacts;
  checkoutCompletedAt: Date | null;
  orders: OrderFactsForStop[];
  /** The customer's newest inbound message on any channel. */
  lastInboundAt: Date | null;
  /** No channel of the flow's preference still allows marketing. */
  optedOut: boolean;
}

export type CartRecoveryStopReason = "checkout completed" | "order placed" | "customer replied" | "customer opted out";

export function cartRecoveryStopReason(facts: CartRecoveryStopFacts): CartRecoveryStopReason | null {
  if (facts.checkoutCompletedAt) return "checkout completed";
  const { run } = facts;
  const since = run.since.getTime();
  for (const order of facts.orders) {
    if (order.checkoutToken && order.checkoutToken === run.checkoutToken) return "order placed";
    if (order.placedAt.getTime() < since) continue;
    if (order.customerId && order.customerId === run.customerId) return "order placed";
    if (order.email && run.email && order.email.toLowerCase() === run.email.toLowerCase()) return "order placed";
    if (order.phone && run.phone && order.phone === run.phone) return "order placed";
  }
  if (facts.lastInboundAt && facts.lastInboundAt.getTime() >= since) return "customer replied";
  if (facts.optedOut) return "customer opted out";
  return null;
}
