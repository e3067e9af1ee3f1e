// When a still-open checkout counts as abandoned. Deliberately simple:
//  - the backfill and the sweep only ever see checkouts Shopify lists as
//    abandoned, so anything open they ingest is abandoned;
//  - a webhook payload counts when its last activity (updated_at) is at least
//    an hour old, which is what a late or replayed checkouts/update looks like.
// A fresh checkouts/create is therefore *started*, and becomes abandoned when
// the periodic sweep re-ingests it.
import type { IngestSource } from "./ingest-source";

export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export function isAbandoned(
  checkout: { completedAt?: Date | null; updatedAt: Date },
  source: IngestSource,
  hasOrder: boolean,
  now = new Date(),
): boolean {
  if (checkout.completedAt || hasOrder) return false;
  return source === "backfill" || now.getTime() - checkout.updatedAt.getTime() >= ABANDONED_AFTER_MS;
}

/** An hour after the last activity, but never in the future. */
export function abandonedAt(checkout: { updatedAt: Date }, now = new Date()): Date {
  return new Date(Math.min(now.getTime(), checkout.updatedAt.getTime() + ABANDONED_AFTER_MS));
}
