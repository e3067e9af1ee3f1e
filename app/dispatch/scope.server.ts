// A dispatch scope is one batch of work inside one job: the rows it creates that are due now
// (flow steps, claimed messages) are collected here and run by the same job once the batch's
// writes are committed, instead of each becoming a job of its own (docs/decisions/0051).
// Outside a scope (a single job, a route, a test calling a function directly) nothing is
// collected and each row gets its BullMQ job as before. Either way the row is the truth: a crash
// after the commit leaves PENDING rows that the reconciler gives jobs to.
import { AsyncLocalStorage } from "node:async_hooks";

export interface DispatchScope {
  /**
   * False once the batch has run what it collected: anything handed in later (a callback that
   * outlived the batch) gets its own job, as outside a scope.
   */
  open: boolean;
  /** FlowStep ids created PENDING and due now. */
  dueSteps: Set<string>;
  /** Message ids claimed (PENDING) and ready to send. */
  claimedMessages: Set<string>;
}

const storage = new AsyncLocalStorage<DispatchScope>();

export function newDispatchScope(): DispatchScope {
  return { open: true, dueSteps: new Set(), claimedMessages: new Set() };
}

export function runInDispatchScope<T>(scope: DispatchScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

/** True when the step was taken by the current scope (the caller then enqueues nothing). */
export function collectDueStep(stepId: string): boolean {
  const scope = storage.getStore();
  if (!scope?.open) return false;
  scope.dueSteps.add(stepId);
  return true;
}

/** True when the message was taken by the current scope (the caller then enqueues nothing). */
export function collectClaimedMessage(messageId: string): boolean {
  const scope = storage.getStore();
  if (!scope?.open) return false;
  scope.claimedMessages.add(messageId);
  return true;
}
