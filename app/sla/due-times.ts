// A due time from a start and a target: business minutes of the shop calendar, or wall-clock minutes.
import { addBusinessMinutes, type ShopCalendar } from "../business-hours/calendar";
import type { SlaPolicy } from "./settings";

export function dueAfter(policy: SlaPolicy, cal: ShopCalendar, from: Date, minutes: number | null): Date | null {
  if (minutes === null) return null;
  if (policy.mode === "around_the_clock") return new Date(from.getTime() + minutes * 60_000);
  return addBusinessMinutes(cal, from, minutes);
}
