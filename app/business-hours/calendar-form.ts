// Reads the Business hours page's form (POST /app/settings/hours) into a calendar, or names the
// first field that is wrong so the 400 can say which one. The form always sends the whole calendar.
import { calendarSchema, dayHoursSchema, holidaySchema, isTimeZone, type CalendarSettings } from "./calendar";

export type CalendarFormResult = { ok: true; calendar: CalendarSettings } | { ok: false; field: string; error: string };

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const refuse = (field: string, error: string): CalendarFormResult => ({
  ok: false,
  field,
  error: `${field}: ${error}`,
});

export function parseCalendarForm(form: FormData): CalendarFormResult {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const zone = text("timeZone");
  if (zone && !isTimeZone(zone)) return refuse("timeZone", "unknown time zone");

  const hours = [];
  for (let day = 0; day <= 6; day++) {
    const open = text(`hours.${day}.open`);
    const close = text(`hours.${day}.close`);
    if (!open && !close) continue; // both empty: closed that weekday
    const parsed = dayHoursSchema.safeParse({ day, open, close });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = `hours.${day}.${issue.path[0] === "open" ? "open" : "close"}`;
      return refuse(field, `${WEEKDAY_NAMES[day]} ${issue.message}`);
    }
    hours.push(parsed.data);
  }

  const indexes = new Set<number>();
  for (const key of form.keys()) {
    const m = /^holiday\.(\d{1,3})\.(date|name)$/.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const holidays = [];
  const seen = new Set<string>();
  for (const i of [...indexes].sort((a, b) => a - b)) {
    const parsed = holidaySchema.safeParse({ date: text(`holiday.${i}.date`), name: text(`holiday.${i}.name`) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return refuse(`holiday.${i}.${issue.path[0] === "name" ? "name" : "date"}`, issue.message);
    }
    if (seen.has(parsed.data.date)) return refuse(`holiday.${i}.date`, `${parsed.data.date} is listed twice`);
    seen.add(parsed.data.date);
    holidays.push(parsed.data);
  }
  holidays.sort((a, b) => a.date.localeCompare(b.date));

  const calendar = calendarSchema.safeParse({ timeZone: zone || null, hours, holidays });
  if (!calendar.success)
    return refuse(String(calendar.error.issues[0]!.path[0] ?? "calendar"), calendar.error.issues[0]!.message);
  return { ok: true, calendar: calendar.data };
}
