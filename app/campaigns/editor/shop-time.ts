// sendAt is chosen as a wall-clock time in the shop's zone ("10:00 on 5 December, Europe/Paris") and
// stored as the instant that is. These two helpers go back and forth, DST-safe (app/flows/quiet-hours).
import { instantOfWallClock, isValidTimeZone, wallClockAt } from "../../flows/quiet-hours";
import { parseLocalDateTime } from "./draft";

const pad = (n: number) => String(n).padStart(2, "0");

export function shopZone(timeZone: string | null | undefined): string {
  return isValidTimeZone(timeZone) ? timeZone : "UTC";
}

/** "2026-12-05T10:00" in `timeZone` → the instant; null when the text is not a date and time. */
export function instantFromShopTime(local: string, timeZone: string): Date | null {
  const parts = parseLocalDateTime(local);
  return parts ? instantOfWallClock(parts, shopZone(timeZone)) : null;
}

/** The instant as "2026-12-05T10:00" in `timeZone` (what the datetime-local field shows). */
export function shopTimeOf(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant, shopZone(timeZone));
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
