// Fixtures are written once and sent for months: a checkout "updated" weeks ago
// is past cart recovery's 7-day maximum age and silently starts nothing. Before
// sending, webhook:send moves every `*_at` timestamp so the newest one is now,
// keeping the others' offsets to it (a customer created a day before the checkout
// still is). The body is edited as text: re-serialising JSON would round Shopify's
// 64-bit ids.

const TIMESTAMP_FIELD =
  /("[A-Za-z0-9_]*_at"\s*:\s*")(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})"/g;

function offsetMinutes(zone: string): number {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(":").map(Number);
  return sign * (hours * 60 + minutes);
}

/** The instant written in the original's zone and precision, as Shopify writes it. */
function formatLike(instant: number, zone: string, withFraction: boolean): string {
  const local = new Date(instant + offsetMinutes(zone) * 60_000).toISOString(); // 2026-12-02T10:04:12.345Z
  const seconds = local.slice(0, 19);
  return `${seconds}${withFraction ? local.slice(19, 23) : ""}${zone}`;
}

export interface FreshenResult {
  body: string;
  /** How many timestamp fields moved, and by how much (0 when none was found). */
  moved: number;
  shiftMs: number;
}

export function freshenTimestamps(raw: string, now: Date = new Date()): FreshenResult {
  const instants = [...raw.matchAll(TIMESTAMP_FIELD)].map(([, , seconds, fraction = "", zone]) =>
    Date.parse(`${seconds}${fraction}${zone}`),
  );
  const valid = instants.filter((t) => !Number.isNaN(t));
  if (valid.length === 0) return { body: raw, moved: 0, shiftMs: 0 };
  const shiftMs = now.getTime() - Math.max(...valid);
  let moved = 0;
  const body = raw.replace(TIMESTAMP_FIELD, (match, prefix: string, seconds: string, fraction = "", zone: string) => {
    const instant = Date.parse(`${seconds}${fraction}${zone}`);
    if (Number.isNaN(instant)) return match;
    moved += 1;
    return `${prefix}${formatLike(instant + shiftMs, zone, fraction !== "")}"`;
  });
  return { body, moved, shiftMs };
}
