/** Percent of `total` imported, capped at 100; null while the total is unknown. */
export function progressOf(imported: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.round((imported / total) * 100));
}
