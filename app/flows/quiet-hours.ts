// Quiet hours for marketing messages, in the recipient's own time zone. Pure and
// DST-safe: wall-clock times are converted with the zone's offset at that instant,
// found through Intl (no time-zone library).

export interface QuietHoursWindow {
  /** "HH:MM", local: the first minute sending is allowed. */
  start: string;
  /** "HH:MM", local: the first minute sending is no longer allowed. */
  end: string;
}

function parseHm(value: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) throw new Error(`invalid time "${value}", expected HH:MM`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) throw new Error(`invalid time "${value}"`);
  return h * 60 + min;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string | null | undefined): timeZone is string {
  if (!timeZone) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at that instant, in minutes (east positive: Paris in winter = +60). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - truncated) / 60_000);
}

/**
 * The instant a local wall-clock time happens in the zone. A time skipped by a
 * DST jump resolves to the first instant after the gap; a repeated one to its first occurrence.
 */
export function instantOfWallClock(
  local: { year: number; month: number; day: number; minutes: number },
  timeZone: string,
): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  // Two candidate offsets: the one just before and just after; try each and keep a match.
  const candidates = [
    zoneOffsetMinutes(new Date(naive - 36 * 3600_000), timeZone),
    zoneOffsetMinutes(new Date(naive + 36 * 3600_000), timeZone),
    zoneOffsetMinutes(new Date(naive), timeZone),
  ];
  const matches: number[] = [];
  for (const offset of candidates) {
    const instant = naive - offset * 60_000;
    if (zoneOffsetMinutes(new Date(instant), timeZone) === offset) matches.push(instant);
  }
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: the wall time never exists; the earlier offset lands just after the jump.
  const before = candidates[0];
  return new Date(naive - before * 60_000);
}

function minutesOfDay(w: WallClock): number {
  return w.hour * 60 + w.minute;
}

/** False for a window that allows every minute (start = end: the shop turned quiet hours off). */
export function hasQuietHours(window: QuietHoursWindow): boolean {
  return parseHm(window.start) !== parseHm(window.end);
}

function isInside(minute: number, start: number, end: number): boolean {
  if (start === end) return true; // no quiet hours at all
  if (start < end) return minute >= start && minute < end;
  return minute >= start || minute < end; // a window that spans midnight
}

/**
 * null when `now` is inside the allowed window in that zone; otherwise the next
 * instant sending is allowed (the window's start, local time).
 */
export function nextAllowedTime(now: Date, timeZone: string, window: QuietHoursWindow): Date | null {
  const start = parseHm(window.start);
  const end = parseHm(window.end);
  const local = wallClockAt(now, timeZone);
  if (isInside(minutesOfDay(local), start, end)) return null;
  // Today's start if it is still ahead, else tomorrow's.
  for (let addDays = 0; addDays <= 2; addDays++) {
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day + addDays));
    const candidate = instantOfWallClock(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), minutes: start },
      timeZone,
    );
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error("unreachable: no allowed time within two days");
}
