// When a cart-recovery run starts and when each of its steps is due. Pure: the
// caller passes the checkout as stored (the newest payload wins in ingest) and `now`.
import { checkoutTooOldReason } from "./step-reason";

export interface CartCheckoutFacts {
  /** Shopify's updated_at of the newest payload we applied. */
  updatedAt: Date;
  completedAt: Date | null;
  email: string | null;
  phone: string | null;
}

export interface PlannedStepShape {
  position: number;
  delayMinutes: number;
}

export interface CartRecoveryFlowShape {
  steps: PlannedStepShape[];
  settings: { maxAgeDays: number };
}

export interface PlannedStep {
  position: number;
  dueAt: Date;
  /** Set when the step is already overdue and a later step is overdue too: only the latest is sent. */
  skipReason?: string;
}

export type CartRecoveryPlan =
  | {
      start: false;
      reason: string;
      /** Steps to record as not sent, with the reason, so staff see why nothing went out. */
      notSent?: PlannedStep[];
    }
  | { start: true; steps: PlannedStep[] };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function planCartRecovery(
  checkout: CartCheckoutFacts,
  flow: CartRecoveryFlowShape,
  now: Date,
): CartRecoveryPlan {
  if (checkout.completedAt) return { start: false, reason: "checkout completed" };
  if (!checkout.email && !checkout.phone) return { start: false, reason: "checkout has no email or phone" };
  if (flow.steps.length === 0) return { start: false, reason: "flow has no steps" };
  const ordered = [...flow.steps].sort((a, b) => a.position - b.position);
  const steps: PlannedStep[] = ordered.map((s) => ({
    position: s.position,
    dueAt: new Date(checkout.updatedAt.getTime() + s.delayMinutes * MINUTE),
  }));
  const ageMs = now.getTime() - checkout.updatedAt.getTime();
  if (ageMs > flow.settings.maxAgeDays * DAY) {
    const reason = checkoutTooOldReason(flow.settings.maxAgeDays);
    return { start: false, reason, notSent: steps.map((s) => ({ ...s, skipReason: reason })) };
  }

  // A very late webhook (or a sweep) may find several steps overdue at once: the
  // customer gets the latest one now, not a burst of reminders.
  const overdue = steps.filter((s) => s.dueAt.getTime() <= now.getTime());
  const latestOverdue = overdue[overdue.length - 1];
  for (const step of overdue) {
    if (step !== latestOverdue) step.skipReason = "superseded: a later step was already due";
  }
  return { start: true, steps };
}

export interface ExistingStepFacts {
  id: string;
  position: number;
  state: string;
  dueAt: Date;
}

/**
 * A newer checkouts/update moves the steps that have not run yet. Returns the
 * steps whose due time changes; sent, running, skipped or failed steps stay put,
 * and a deferred step keeps its deferral unless the new plan is later still.
 */
export function retimeCartRecovery(
  existing: ExistingStepFacts[],
  planned: PlannedStep[],
): { id: string; position: number; dueAt: Date }[] {
  const changes: { id: string; position: number; dueAt: Date }[] = [];
  for (const step of existing) {
    if (step.state !== "PENDING" && step.state !== "DEFERRED") continue;
    const plan = planned.find((p) => p.position === step.position);
    if (!plan || plan.skipReason) continue;
    // A deferred step waits for quiet hours or the cap to allow it, a time the checkout does not
    // change: only a plan later than that moves it. Otherwise a repeated checkouts/update (Shopify
    // sends several with one updated_at) would undo the deferral and run the step again at once.
    if (step.state === "DEFERRED" && plan.dueAt.getTime() <= step.dueAt.getTime()) continue;
    if (plan.dueAt.getTime() !== step.dueAt.getTime())
      changes.push({ id: step.id, position: step.position, dueAt: plan.dueAt });
  }
  return changes;
}
