// addBusinessMinutes (app/business-hours/calendar.ts), the inverse of businessMinutesBetween that SLA
// due times are computed with (app/sla/): nights, weekends, holidays and DST days.
import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, type ShopCalendar } from "../../app/business-hours/calendar";

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));
const PARIS: ShopCalendar = { timeZone: "Europe/Paris", hours: weekdays("09:00", "18:00"), holidays: [] };
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("addBusinessMinutes", () => {
  it("GIVEN an open Wednesday morning THEN 60 minutes later the same morning", () => {
    // 10:00 Paris (CET, UTC+1) + 60 = 11:00 Paris.
    expect(iso(addBusinessMinutes(PARIS, new Date("2026-12-02T09:00:00Z"), 60))).toBe("2026-12-02T10:00:00.000Z");
  });

  it("GIVEN Friday 17:30 and 60 minutes THEN 30 on Friday, 30 on Monday from 09:00", () => {
    expect(iso(addBusinessMinutes(PARIS, new Date("2026-12-04T16:30:00Z"), 60))).toBe("2026-12-07T08:30:00.000Z");
  });

  it("GIVEN a Saturday THEN the count starts at Monday's opening", () => {
    expect(iso(addBusinessMinutes(PARIS, new Date("2026-12-05T12:00:00Z"), 45))).toBe("2026-12-07T08:45:00.000Z");
  });

  it("GIVEN a target that ends exactly at closing THEN due at closing, not the next morning", () => {
    expect(iso(addBusinessMinutes(PARIS, new Date("2026-12-02T16:00:00Z"), 60))).toBe("2026-12-02T17:00:00.000Z");
  });

  it("GIVEN Christmas Friday and the weekend THEN Thursday evening's remainder continues on Monday", () => {
    const cal = { ...PARIS, holidays: [{ date: "2026-12-25", name: "Christmas" }] };
    // Thursday 24th 17:00 Paris: 60 left that day, Friday is a holiday, then Monday 28th 09:00 + 60.
    expect(iso(addBusinessMinutes(cal, new Date("2026-12-24T16:00:00Z"), 120))).toBe("2026-12-28T09:00:00.000Z");
  });

  it("GIVEN the spring DST change over the weekend THEN Monday counts in summer time", () => {
    // Friday 27 March 17:00 CET (16:00Z): 60 left; Monday 30 March 09:00 CEST is 07:00Z, + 60.
    expect(iso(addBusinessMinutes(PARIS, new Date("2026-03-27T16:00:00Z"), 120))).toBe("2026-03-30T08:00:00.000Z");
  });

  it("GIVEN an opening across the DST jump THEN real elapsed minutes count, matching businessMinutesBetween", () => {
    // Sunday 29 March 2026, Paris 01:00–05:00 local is three real hours (02:00 does not exist).
    const cal: ShopCalendar = {
      timeZone: "Europe/Paris",
      hours: [{ day: 0, open: "01:00", close: "05:00" }],
      holidays: [],
    };
    const from = new Date("2026-03-29T00:00:00Z");
    const due = addBusinessMinutes(cal, from, 170)!;
    expect(due.toISOString()).toBe("2026-03-29T02:50:00.000Z");
    expect(businessMinutesBetween(cal, from, due)).toBe(170);
  });

  it("GIVEN any start and target THEN businessMinutesBetween(from, result) gives the target back", () => {
    const cal = { ...PARIS, holidays: [{ date: "2026-12-25", name: "" }] };
    for (const start of ["2026-12-02T05:00:00Z", "2026-12-04T16:59:00Z", "2026-12-24T12:00:00Z"]) {
      for (const minutes of [1, 59, 540, 2000]) {
        const due = addBusinessMinutes(cal, new Date(start), minutes)!;
        expect(businessMinutesBetween(cal, new Date(start), due)).toBe(minutes);
      }
    }
  });

  it("GIVEN a calendar with no hours THEN null", () => {
    expect(addBusinessMinutes({ ...PARIS, hours: [] }, new Date("2026-12-02T09:00:00Z"), 10)).toBeNull();
  });
});
