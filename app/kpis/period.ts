// The reporting period of the KPI dashboard (the Analytics page) and its CSV exports, read from the
// URL so a drill-down link or a bookmarked view keeps it: `from` and `to` are calendar dates
// (YYYY-MM-DD, inclusive) in the shop's time zone; the previous period is the same number of days
// just before. Without them: the last 30 days, today included.
import { z } from "zod";

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

export interface KpiPeriod {
  /** Inclusive start and exclusive end instants. */
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  /** The dates as given (YYYY-MM-DD, shop time zone), `to` inclusive. */
  fromDate: string;
  toDate: string;
  days: number;
  timeZone: string;
}

export interface KpiFilters {
  channel: string | null;
  teamId: string | null;
  assigneeId: string | null;
}

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

/** The instant a calendar date starts in a time zone (midnight there). */
export function startOfDateInZone(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const utcGuess = Date.UTC(y, m - 1, d);
  // The zone's offset at that moment, found by formatting the UTC guess there; twice for DST edges.
  let instant = utcGuess;
  for (let i = 0; i < 2; i++) instant = utcGuess - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

export class KpiPeriodError extends Error {}

/** Reads `from`/`to` from search params; throws KpiPeriodError (answer 400) when they make no sense. */
export function parseKpiPeriod(params: URLSearchParams, timeZone: string, now = new Date()): KpiPeriod {
  const rawFrom = params.get("from");
  const rawTo = params.get("to");
  const today = dateInZone(now, timeZone);
  const toDate = rawTo ?? today;
  const fromDate = rawFrom ?? addDays(toDate, -(DEFAULT_PERIOD_DAYS - 1));
  const valid = (date: string) => dateSchema.safeParse(date).success && !Number.isNaN(Date.parse(date));
  if (!valid(fromDate) || !valid(toDate)) throw new KpiPeriodError("Dates must be real calendar dates (YYYY-MM-DD).");
  const days = Math.round((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS) + 1;
  if (days < 1) throw new KpiPeriodError("The period must end on or after the day it starts.");
  if (days > MAX_PERIOD_DAYS) throw new KpiPeriodError(`A period can be at most ${MAX_PERIOD_DAYS} days.`);
  const from = startOfDateInZone(fromDate, timeZone);
  const to = startOfDateInZone(addDays(toDate, 1), timeZone);
  const previousFrom = startOfDateInZone(addDays(fromDate, -days), timeZone);
  return { from, to, previousFrom, previousTo: from, fromDate, toDate, days, timeZone };
}

/** Channel, team and person filters; empty or "all" means no filter. */
export function parseKpiFilters(params: URLSearchParams): KpiFilters {
  const pick = (name: string) => {
    const value = params.get(name)?.trim();
    return value && value !== "all" ? value : null;
  };
  return { channel: pick("channel"), teamId: pick("team"), assigneeId: pick("assignee") };
}
