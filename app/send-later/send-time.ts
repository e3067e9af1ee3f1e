// When a scheduled reply goes out: the composer's presets and its date/time field, both read in the
// shop's time zone (the zone every admin page shows times in), and the bounds a send time must keep.
// Pure: safe on the server and in the browser.

export const MIN_LEAD_MS = 60_000;
export const MAX_AHEAD_DAYS = 30;
export const MAX_AHEAD_MS = MAX_AHEAD_DAYS * 24 * 3600_000;

export const SEND_LATER_PRESETS = ["in-1h", "in-3h", "tomorrow-9"] as const;
export type SendLaterPreset = (typeof SEND_LATER_PRESETS)[number];

export const PRESET_LABEL: Record<SendLaterPreset, string> = {
  "in-1h": "In 1 hour",
  "in-3h": "In 3 hours",
  "tomorrow-9": "Tomorrow 9:00",
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** The wall-clock reading of an instant in a zone. */
export function wallClockIn(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: safeZone(timeZone),
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** The instant a wall-clock time in a zone names. Two passes settle DST edges (a skipped hour moves on). */
export function wallClockToDate(w: WallClock, timeZone: string): Date {
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = wallClockIn(new Date(guess), timeZone);
    guess += wall - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
  }
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-12-04T09:00": the value a datetime-local field shows for an instant, in the shop's zone. */
export function toLocalInputValue(at: Date, timeZone: string): string {
  const w = wallClockIn(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant a preset names at `now`: whole minutes, so the list shows what was chosen. */
export function presetSendAt(preset: SendLaterPreset, timeZone: string, now: Date): Date {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  if (preset === "in-1h") return new Date(minute + 3600_000);
  if (preset === "in-3h") return new Date(minute + 3 * 3600_000);
  // Tomorrow 09:00 in the shop's zone (Date.UTC normalises the 32nd of a month).
  const today = wallClockIn(now, timeZone);
  const next = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return wallClockToDate(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 9, minute: 0 },
    timeZone,
  );
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A send time as the form gives it: `YYYY-MM-DDTHH:MM` is a wall-clock time in the shop's zone (the
 * date/time field); an ISO instant with `Z` or an offset is taken as it is. Null: not a time.
 */
export function parseSendAt(value: string, timeZone: string): Date | null {
  const local = LOCAL_INPUT.exec(value);
  if (local) {
    const [year, month, day, hour, minute] = local.slice(1).map(Number) as [number, number, number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCMonth() !== month - 1) return null; // 31 February
    return wallClockToDate({ year, month, day, hour, minute }, timeZone);
  }
  if (!WITH_OFFSET.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Why a send time cannot be used, in words for staff; null when it can. */
export function sendAtProblem(sendAt: Date, now: Date): string | null {
  if (sendAt.getTime() < now.getTime() + MIN_LEAD_MS)
    return "Pick a time at least one minute from now (or send it now).";
  if (sendAt.getTime() > now.getTime() + MAX_AHEAD_MS)
    return `A reply can be scheduled at most ${MAX_AHEAD_DAYS} days ahead.`;
  return null;
}
