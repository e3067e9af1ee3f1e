// Formatting of KPI figures; safe on server and client.

/** A duration in seconds as words staff read at a glance: "45 s", "12 min", "3.4 h", "2.1 d". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3_600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return "—";
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? "—" : score.toFixed(2);
}

/**
 * The change against the previous period, in words, and whether it is good news: for times lower
 * is better, for shares and scores higher is. Null when either side has no figure.
 */
export function comparison(
  current: number | null | undefined,
  previous: number | null | undefined,
  kind: "duration" | "share" | "score" | "count",
  lowerIsBetter: boolean,
): { text: string; tone: "success" | "critical" | "subdued" } | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const diff = current - previous;
  if (diff === 0) return { text: "No change", tone: "subdued" };
  const sign = diff > 0 ? "+" : "−";
  const magnitude =
    kind === "duration"
      ? formatSeconds(Math.abs(diff))
      : kind === "share"
        ? `${(Math.round(Math.abs(diff) * 1000) / 10).toFixed(1)} pts`
        : kind === "score"
          ? Math.abs(diff).toFixed(2)
          : String(Math.abs(diff));
  const better = lowerIsBetter ? diff < 0 : diff > 0;
  return {
    text: `${sign}${magnitude} vs previous period`,
    tone: kind === "count" ? "subdued" : better ? "success" : "critical",
  };
}

/** The URL of a KPI page with the current period and filters kept, plus extra parameters. */
export function kpiHref(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== "") params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
