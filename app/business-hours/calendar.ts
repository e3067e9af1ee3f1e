// The shop's one business calendar (issue 13): time zone, hours per weekday, holidays. Everything
// that asks "are we open?" or "how many working minutes passed?" reads it through these pure
// functions: automatic answers, the hand-off notice, the storefront widget (through the chat
// history answer), SLA timers (addBusinessMinutes, app/sla/) and, later, "in business hours" KPIs.
//   Shop.settings.calendar = { timeZone: "Europe/Paris" | null, hours: [{ day, open, close }],
//                              holidays: [{ date: "2026-12-25", name: "Christmas" }] }
// day 0 = Sunday; times are wall-clock times in the calendar's zone (null: the shop's
// ianaTimezone); a weekday without an entry is closed; a holiday is closed all day. A shop saved
// before the calendar existed keeps its hours: without `calendar`, the old `businessHours` key is
// read. Neither: Monday to Friday, 09:00 to 17:00.
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (00:00 to 23:59)");

export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export const dayHoursSchema = z
  .object({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm })
  .refine((h) => h.open < h.close, "must close after it opens");

export const holidaySchema = z.object({
  date: z.string().refine(isCalendarDate, "must be a date (YYYY-MM-DD)"),
  name: z.string().trim().max(80, "name is 80 characters at most").default(""),
});

// The engine handles several ranges a day (old `businessHours` rows may have them); the settings
// page edits one range per weekday.
export const calendarSchema = z.object({
  timeZone: z.string().refine(isTimeZone, "unknown time zone").nullable().default(null),
  hours: z.array(dayHoursSchema).max(21),
  holidays: z.array(holidaySchema).max(200, "at most 200 holidays").default([]),
});
export type CalendarSettings = z.infer<typeof calendarSchema>;
export type DayHours = z.infer<typeof dayHoursSchema>;
export type Holiday = z.infer<typeof holidaySchema>;

/** A calendar with its zone settled: what the functions below take. */
export interface ShopCalendar {
  timeZone: string;
  hours: DayHours[];
  holidays: Holiday[];
}

export const DEFAULT_CALENDAR: CalendarSettings = {
  timeZone: null,
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" })),
  holidays: [],
};

const legacyHoursSchema = z.object({ hours: z.array(dayHoursSchema).max(21) });

/** The stored calendar, or the pre-calendar `businessHours`, or the default. Never throws. */
export function readCalendarSettings(shopSettings: unknown): CalendarSettings {
  const settings = shopSettings && typeof shopSettings === "object" ? (shopSettings as Record<string, unknown>) : {};
  if (settings.calendar !== undefined) {
    const parsed = calendarSchema.safeParse(settings.calendar);
    if (parsed.success) return parsed.data;
  }
  const legacy = legacyHoursSchema.safeParse(settings.businessHours);
  if (legacy.success) return { timeZone: null, hours: legacy.data.hours, holidays: [] };
  return DEFAULT_CALENDAR;
}

/** Whether the merchant has set hours (the calendar or the older `businessHours`), not just our default. */
export function hasOwnCalendar(shopSettings: unknown): boolean {
  return readCalendarSettings(shopSettings) !== DEFAULT_CALENDAR;
}

export function calendarFor(shop: { settings: unknown; ianaTimezone: string }): ShopCalendar {
  const stored = readCalendarSettings(shop.settings);
  const zone = stored.timeZone ?? shop.ianaTimezone;
  return { timeZone: isTimeZone(zone) ? zone : "UTC", hours: stored.hours, holidays: stored.holidays };
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday")),
    minute: Number(get("hour")) * 60 + Number(get("minute")),
  };
}

/** The UTC instant of a wall-clock time in a zone (two passes settle DST edges). */
function zonedToUtc(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = localTime(new Date(guess), timeZone);
    guess += wall - Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minute);
  }
  return guess;
}

interface Opening {
  start: number;
  end: number;
  weekday: number;
  open: string;
  close: string;
}

/** The opening ranges of one local date (`day` may overflow the month; Date.UTC normalises it). */
function openingsOn(cal: ShopCalendar, year: number, month: number, day: number): Opening[] {
  const date = new Date(Date.UTC(year, month - 1, day));
  const iso = date.toISOString().slice(0, 10);
  if (cal.holidays.some((h) => h.date === iso)) return [];
  const [y, m, d, weekday] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay()];
  return cal.hours
    .filter((h) => h.day === weekday)
    .map((h) => ({
      start: zonedToUtc(y, m, d, minutesOf(h.open), cal.timeZone),
      end: zonedToUtc(y, m, d, minutesOf(h.close), cal.timeZone),
      weekday,
      open: h.open,
      close: h.close,
    }))
    .sort((a, b) => a.start - b.start);
}

function currentOpening(cal: ShopCalendar, at: Date): Opening | undefined {
  const t = localTime(at, cal.timeZone);
  const ms = at.getTime();
  return openingsOn(cal, t.year, t.month, t.day).find((o) => o.start <= ms && ms < o.end);
}

export function isOpen(cal: ShopCalendar, at: Date): boolean {
  return currentOpening(cal, at) !== undefined;
}

/** How far ahead nextOpening looks: a year of holidays cannot hide an opening past this. */
const HORIZON_DAYS = 400;

/**
 * The first opening strictly after `from` (holidays skipped), or null when the calendar never
 * opens within the horizon. `daysAhead` counts local dates from `from`'s date in the calendar's zone.
 */
export function nextOpening(
  cal: ShopCalendar,
  from: Date,
): { at: Date; daysAhead: number; weekday: number; time: string } | null {
  if (cal.hours.length === 0) return null;
  const t = localTime(from, cal.timeZone);
  for (let daysAhead = 0; daysAhead <= HORIZON_DAYS; daysAhead++) {
    const next = openingsOn(cal, t.year, t.month, t.day + daysAhead).find((o) => o.start > from.getTime());
    if (next) return { at: new Date(next.start), daysAhead, weekday: next.weekday, time: next.open };
  }
  return null;
}

/**
 * Whole business minutes between two instants (0 when `to` is not after `from`): what an SLA timer
 * or an "in business hours" KPI counts. Nights, closed weekdays and holidays add nothing; a DST
 * day counts the real elapsed time of its opening range.
 */
export function businessMinutesBetween(cal: ShopCalendar, from: Date, to: Date): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (!(b > a)) return 0;
  const start = localTime(from, cal.timeZone);
  const end = localTime(to, cal.timeZone);
  const days = Math.round(
    (Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000,
  );
  let ms = 0;
  for (let i = 0; i <= days; i++) {
    for (const o of openingsOn(cal, start.year, start.month, start.day + i)) {
      ms += Math.max(0, Math.min(o.end, b) - Math.max(o.start, a));
    }
  }
  return Math.floor(ms / 60_000);
}

/**
 * The instant `minutes` business minutes after `from`: the inverse of businessMinutesBetween, what
 * an SLA due time is (app/sla/). Closed time adds nothing, so a target that runs out exactly at
 * closing is due at closing; from a closed moment the count starts at the next opening. Null when
 * the calendar never opens enough within the horizon (no hours at all).
 */
export function addBusinessMinutes(cal: ShopCalendar, from: Date, minutes: number): Date | null {
  let remaining = Math.max(0, minutes) * 60_000;
  const a = from.getTime();
  const t = localTime(from, cal.timeZone);
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    for (const o of openingsOn(cal, t.year, t.month, t.day + i)) {
      const start = Math.max(o.start, a);
      if (o.end <= start) continue;
      if (remaining <= o.end - start) return new Date(start + remaining);
      remaining -= o.end - start;
    }
  }
  return null;
}

/** When a person can be expected to answer, in the shop's own words (app/answers/expectation-text.ts). */
export type ReplyExpectation =
  | { kind: "today_before"; time: string }
  | { kind: "opening"; daysAhead: number; weekday: number; time: string; at: Date }
  | { kind: "unknown" };

export function replyExpectation(cal: ShopCalendar, now: Date): ReplyExpectation {
  const current = currentOpening(cal, now);
  if (current) return { kind: "today_before", time: current.close };
  const next = nextOpening(cal, now);
  return next ? { kind: "opening", ...next } : { kind: "unknown" };
}

/** What the storefront widget is told: open now, and if not, when it next opens. */
export function openState(cal: ShopCalendar, now: Date): { open: boolean; nextOpening: string | null } {
  if (isOpen(cal, now)) return { open: true, nextOpening: null };
  return { open: false, nextOpening: nextOpening(cal, now)?.at.toISOString() ?? null };
}
