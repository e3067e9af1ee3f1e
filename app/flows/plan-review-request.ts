// Review request: one run per order, due a set number of days after delivery, or
// after the fulfillment when no delivery status ever comes. A later "delivered"
// re-times the step that has not been sent yet.

export interface ReviewFulfillmentFacts {
  /** Shopify's created_at (else our row's). */
  createdAt: Date;
  deliveredAt: Date | null;
  status: string | null;
}

export interface ReviewSettings {
  reviewDelayDays: number;
  reviewDelayDaysWithoutDelivery: number;
}

export type ReviewRequestPlan =
  | { start: false; reason: string }
  | { start: true; triggerKey: string; basis: "delivery" | "fulfillment"; steps: { position: number; dueAt: Date }[] };

const DAY = 24 * 3600 * 1000;

export function reviewTriggerKey(orderId: string): string {
  return `review:${orderId}`;
}

export function planReviewRequest(
  orderId: string,
  fulfillment: ReviewFulfillmentFacts,
  settings: ReviewSettings,
  steps: { position: number; delayMinutes: number }[],
): ReviewRequestPlan {
  const status = fulfillment.status?.toLowerCase();
  if (status === "cancelled" || status === "error" || status === "failure")
    return { start: false, reason: `fulfillment ${status}` };
  if (steps.length === 0) return { start: false, reason: "flow has no steps" };
  const basis = fulfillment.deliveredAt ? "delivery" : "fulfillment";
  const base = fulfillment.deliveredAt
    ? fulfillment.deliveredAt.getTime() + settings.reviewDelayDays * DAY
    : fulfillment.createdAt.getTime() + settings.reviewDelayDaysWithoutDelivery * DAY;
  return {
    start: true,
    basis,
    triggerKey: reviewTriggerKey(orderId),
    steps: [...steps]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ position: s.position, dueAt: new Date(base + s.delayMinutes * 60_000) })),
  };
}

/** Pending steps whose due time moves (for example to delivery-based once "delivered" arrives). */
export function retimeReviewRequest(
  existing: { id: string; position: number; state: string; dueAt: Date }[],
  planned: { position: number; dueAt: Date }[],
): { id: string; dueAt: Date }[] {
  const changes: { id: string; dueAt: Date }[] = [];
  for (const step of existing) {
    if (step.state !== "PENDING" && step.state !== "DEFERRED") continue;
    const plan = planned.find((p) => p.position === step.position);
    if (plan && plan.dueAt.getTime() !== step.dueAt.getTime()) changes.push({ id: step.id, dueAt: plan.dueAt });
  }
  return changes;
}
