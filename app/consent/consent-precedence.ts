// Which of two reports about one customer's consent (channel + purpose) is the truth. Every writer
// of Consent asks this one question: Shopify's webhooks, the backfill, and our own keywords,
// unsubscribe links and staff actions, so a change anywhere settles the same way everywhere.
//
// - The later report wins.
// - An opt-out is never undone by a grant that is older or carries the very same time: when two
//   systems disagree about one instant, the customer stays opted out.
// - A report that says what we already hold changes nothing (stale or duplicate deliveries).
import type { ConsentState } from "../generated/prisma/client";

export interface ConsentFact {
  state: ConsentState;
  occurredAt: Date;
}

/** True when `incoming` must replace `current`. */
export function consentReportWins(current: ConsentFact | null | undefined, incoming: ConsentFact): boolean {
  if (!current) return true;
  if (current.state === incoming.state) return false;
  const now = current.occurredAt.getTime();
  const next = incoming.occurredAt.getTime();
  if (next > now) return true;
  // Same instant: only an opt-out may replace a grant.
  return next === now && incoming.state === "REVOKED";
}
