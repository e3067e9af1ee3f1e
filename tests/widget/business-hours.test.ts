import { describe, expect, it } from "vitest";
import { isOpen } from "../../extensions/chat-widget/src/business-hours";

const weekdays = { enabled: true, days: [1, 2, 3, 4, 5], open: "09:00", close: "17:00", utcOffset: "+0000" };

describe("business hours", () => {
  it("is open inside the hours on an open day, in the shop's time zone", () => {
    // Wednesday 16:30 UTC is 17:30 in a +01:00 shop: closed there, open in a UTC shop.
    const now = new Date("2026-11-25T16:30:00Z");
    expect(isOpen(weekdays, now)).toBe(true);
    expect(isOpen({ ...weekdays, utcOffset: "+0100" }, now)).toBe(false);
    expect(isOpen({ ...weekdays, utcOffset: "-05:00" }, now)).toBe(true);
  });

  it("is closed on a day the shop is not open", () => {
    expect(isOpen(weekdays, new Date("2026-11-28T12:00:00Z"))).toBe(false); // Saturday
  });

  it("runs hours that close before they open overnight, on the day they opened", () => {
    const nights = { ...weekdays, days: [5], open: "22:00", close: "02:00" };
    expect(isOpen(nights, new Date("2026-11-27T23:00:00Z"))).toBe(true); // Friday 23:00
    expect(isOpen(nights, new Date("2026-11-28T01:00:00Z"))).toBe(true); // Saturday 01:00, Friday's night
    expect(isOpen(nights, new Date("2026-11-29T01:00:00Z"))).toBe(false); // Sunday 01:00
  });

  it("is always open when disabled or when a time cannot be read", () => {
    const sunday = new Date("2026-11-29T03:00:00Z");
    expect(isOpen({ ...weekdays, enabled: false }, sunday)).toBe(true);
    expect(isOpen({ ...weekdays, close: "5pm" }, sunday)).toBe(true);
  });
});
