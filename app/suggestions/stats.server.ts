// The Knowledge page's "Suggested replies, last 30 days" figures, for one shop. A suggestion is
// counted as shown once (one row per customer message and position, however often it was loaded),
// then by what staff did with it; the rest are still on offer or were never used.
import { db } from "../db/client.server";

export const STATS_DAYS = 30;

export interface SuggestionStats {
  days: number;
  shown: number;
  accepted: number;
  edited: number;
  dismissed: number;
  /** (accepted + edited) / shown, 0..1; null when nothing was shown. */
  acceptanceRate: number | null;
}

export async function suggestionStats(shopId: string, now: Date = new Date()): Promise<SuggestionStats> {
  const since = new Date(now.getTime() - STATS_DAYS * 86_400_000);
  const groups = await db().replySuggestion.groupBy({
    by: ["outcome"],
    where: { shopId, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const count = (outcome: string) => groups.find((g) => g.outcome === outcome)?._count._all ?? 0;
  const shown = groups.reduce((sum, g) => sum + g._count._all, 0);
  const accepted = count("ACCEPTED");
  const edited = count("EDITED");
  return {
    days: STATS_DAYS,
    shown,
    accepted,
    edited,
    dismissed: count("DISMISSED"),
    acceptanceRate: shown ? (accepted + edited) / shown : null,
  };
}
