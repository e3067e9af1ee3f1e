// The shop calendar in the database: Shop.settings.calendar, written on its own key so the other
// features' settings are never overwritten. Saving also makes the old `businessHours` key dead:
// readCalendarSettings prefers `calendar` whenever it is present.
import { setShopSettingsKey } from "../answers/save-settings.server";
import { db } from "../db/client.server";
import {
  calendarFor,
  hasOwnCalendar,
  dayHoursSchema,
  openState,
  readCalendarSettings,
  type CalendarSettings,
  type DayHours,
} from "./calendar";
import { WEEKDAY_NAMES } from "./calendar-form";

export interface CalendarPageData {
  calendar: CalendarSettings;
  shopTimeZone: string;
}

export async function calendarPageData(shopId: string): Promise<CalendarPageData> {
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { settings: true, ianaTimezone: true },
  });
  return { calendar: readCalendarSettings(shop.settings), shopTimeZone: shop.ianaTimezone };
}

export async function saveCalendar(shopId: string, calendar: CalendarSettings): Promise<void> {
  await setShopSettingsKey(shopId, "calendar", calendar);
}

/**
 * Open now and the next opening, for the storefront widget (the chat history answer's `hours`); null
 * until the merchant sets hours: a shop that never did keeps the chat open (or the theme editor's
 * own chat hours) rather than turning it away on weekday evenings by a default it never chose.
 */
export async function shopOpenState(shopId: string, now = new Date()) {
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { settings: true, ianaTimezone: true },
  });
  if (!hasOwnCalendar(shop.settings)) return null;
  return openState(calendarFor(shop), now);
}

/**
 * Reads `hours.<day>.open` / `hours.<day>.close` fields (day 0 = Sunday; both empty: closed): the
 * weekday hours of the form the automatic answers card had before the calendar existed.
 */
export function parseWeekdayHours(
  form: FormData,
): { ok: true; hours: DayHours[] } | { ok: false; field: string; error: string } {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const hours: DayHours[] = [];
  for (const day of [0, 1, 2, 3, 4, 5, 6]) {
    const open = text(`hours.${day}.open`);
    const close = text(`hours.${day}.close`);
    if (!open && !close) continue;
    const parsed = dayHoursSchema.safeParse({ day, open, close });
    if (!parsed.success) {
      const field = `hours.${day}.${open ? "close" : "open"}`;
      return { ok: false, field, error: `Business hours: ${WEEKDAY_NAMES[day]} ${parsed.error.issues[0]!.message}` };
    }
    hours.push(parsed.data);
  }
  return { ok: true, hours };
}

/**
 * Replaces the calendar's weekday hours, keeping its time zone and holidays. With `days`, only those
 * weekdays are replaced and every other weekday keeps its saved hours (a form that sent some days).
 */
export async function saveWeekdayHours(shopId: string, hours: DayHours[], days?: number[]): Promise<void> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true } });
  const saved = readCalendarSettings(shop.settings);
  const kept = days ? saved.hours.filter((h) => !days.includes(h.day)) : [];
  const merged = [...kept, ...hours].sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
  await saveCalendar(shopId, { ...saved, hours: merged });
}

/** The weekdays a form sent hours fields for (`hours.<day>.open` or `.close`, even blank: closed). */
export function weekdaysInForm(form: FormData): number[] {
  return [0, 1, 2, 3, 4, 5, 6].filter((d) => form.has(`hours.${d}.open`) || form.has(`hours.${d}.close`));
}
