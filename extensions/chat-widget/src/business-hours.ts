import type { BusinessHours } from "./types";

function minutesOf(hhmm: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function offsetMinutes(offset: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim());
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * Whether the shop is open at `now`, in the shop's own time zone. Hours that close before they
 * open run overnight and belong to the day they opened. Unparseable times mean "always open":
 * a typo in the theme editor should not hide the live chat.
 */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  if (open === null || close === null || open === close) return true;
  const shopTime = new Date(now.getTime() + offsetMinutes(hours.utcOffset) * 60_000);
  const day = shopTime.getUTCDay();
  const minute = shopTime.getUTCHours() * 60 + shopTime.getUTCMinutes();
  if (open < close) return hours.days.includes(day) && minute >= open && minute < close;
  if (minute >= open) return hours.days.includes(day);
  return minute < close && hours.days.includes((day + 6) % 7);
}
