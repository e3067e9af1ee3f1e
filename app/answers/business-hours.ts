// The shop's opening hours, for "outside business hours" automatic answers and for telling a
// customer when a person will reply. There is no shop calendar yet: issue 13's calendar (holidays,
// exceptions) will replace this minimal shape. The storefront widget's own hours live in the
// theme editor, which the server cannot read, so the shop keeps them here:
//   Shop.settings.businessHours = { hours: [{ day: 1, open: "09:00", close: "18:00" }, ...] }
// day 0 = Sunday; times are in the shop's own zone (Shop.ianaTimezone); a day without an entry is
// closed. A shop that never set hours gets Monday to Friday, 09:00 to 17:00. Pure functions.
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

export const businessHoursSchema = z.object({
  hours: z
    .array(
      z
        .object({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm })
        .refine((h) => h.open < h.close, "closes before it opens"),
    )
    .max(21),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" })),
};

export function parseBusinessHours(shopSettings: unknown): BusinessHours {
  const raw =
    shopSettings && typeof shopSettings === "object"
      ? (shopSettings as Record<string, unknown>).businessHours
      : undefined;
  const parsed = businessHoursSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_BUSINESS_HOURS;
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

function localTime(now: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: safeZone(timeZone),
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    weekday,
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** The UTC instant of a wall-clock time in a zone (two passes settle DST edges). */
function zonedToUtc(year: number, month: number, day: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = localTime(new Date(guess), timeZone);
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minute);
    guess += wall - seenWall;
  }
  return new Date(guess);
}

export function isOpen(hours: BusinessHours, timeZone: string, now: Date): boolean {
  const t = localTime(now, timeZone);
  return hours.hours.some((h) => h.day === t.weekday && minutesOf(h.open) <= t.minute && t.minute < minutesOf(h.close));
}

/** When a person can be expected to answer, in the shop's own words (see expectation-text.ts). */
export type ReplyExpectation =
  | { kind: "today_before"; time: string }
  | { kind: "opening"; daysAhead: number; weekday: number; time: string; at: Date }
  | { kind: "unknown" };

/** The next time the shop opens after `now` (within a week), or null when it never opens. */
export function nextOpening(
  hours: BusinessHours,
  timeZone: string,
  now: Date,
): { daysAhead: number; weekday: number; time: string; at: Date } | null {
  const t = localTime(now, timeZone);
  for (let daysAhead = 0; daysAhead <= 7; daysAhead++) {
    const weekday = (t.weekday + daysAhead) % 7;
    const opens = hours.hours
      .filter((h) => h.day === weekday && (daysAhead > 0 || minutesOf(h.open) > t.minute))
      .map((h) => h.open)
      .sort();
    const time = opens[0];
    if (time) {
      const at = zonedToUtc(t.year, t.month, t.day + daysAhead, minutesOf(time), timeZone);
      return { daysAhead, weekday, time, at };
    }
  }
  return null;
}

export function replyExpectation(hours: BusinessHours, timeZone: string, now: Date): ReplyExpectation {
  const t = localTime(now, timeZone);
  const current = hours.hours.find(
    (h) => h.day === t.weekday && minutesOf(h.open) <= t.minute && t.minute < minutesOf(h.close),
  );
  if (current) return { kind: "today_before", time: current.close };
  const next = nextOpening(hours, timeZone, now);
  return next ? { kind: "opening", ...next } : { kind: "unknown" };
}
