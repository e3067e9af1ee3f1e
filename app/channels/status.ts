// Ordering rules for applying provider status updates to a Message: callbacks arrive late,
// twice and out of order, and a "sent" after "delivered" must never move a message backwards.
import type { DeliveryStatus } from "../generated/prisma/enums";

const PROGRESS: Partial<Record<DeliveryStatus, number>> = {
  PENDING: 0,
  NEEDS_REVIEW: 0,
  QUEUED: 1,
  SENT: 2,
  DELIVERED: 3,
  READ: 4,
  OPENED: 4,
  CLICKED: 5,
};

const FAILURES = new Set<DeliveryStatus>(["FAILED", "UNDELIVERED"]);
const ENGAGEMENT = new Set<DeliveryStatus>(["READ", "OPENED", "CLICKED"]);

/**
 * Whether an outbound message currently at `current` should move to `next`.
 * - Forward progress only (QUEUED → SENT → DELIVERED → READ/OPENED → CLICKED).
 * - A failure wins over anything short of proof the customer saw the message.
 * - After a failure, only engagement (read/open/click: proof of delivery) overrides it.
 * - RECEIVED/PENDING/NEEDS_REVIEW are never set by a status callback.
 */
export function shouldApplyStatus(current: DeliveryStatus, next: DeliveryStatus): boolean {
  if (next === "RECEIVED" || next === "PENDING" || next === "NEEDS_REVIEW") return false;
  if (current === "RECEIVED") return false;
  if (current === next) return false;
  if (FAILURES.has(next)) return !ENGAGEMENT.has(current) && !FAILURES.has(current);
  if (FAILURES.has(current)) return ENGAGEMENT.has(next);
  return (PROGRESS[next] ?? -1) > (PROGRESS[current] ?? -1);
}
