// The shop calendar (app/business-hours/calendar.ts): open or closed, the next opening and the
// business minutes between two instants, across weekends, holidays, DST changes and nights; and
// reading the stored settings (the old `businessHours` key when `calendar` is absent).
import { describe, expect, it } from "vitest";
import {
  businessMinutesBetween,
  calendarFor,
  isOpen,
  nextOpening,
  openState,
  readCalendarSettings,
  replyExpectation,
  type ShopCalendar,
} from "../../app/business-hours/calendar";
import { handoffNotice } from "../../app/answers/expectation-text";

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));
const PARIS: ShopCalendar = { timeZone: "Europe/Paris", hours: weekdays("09:00", "18:00"), holidays: [] };
const at = (iso: string) => new Date(iso);

describe("isOpen", () => {
  it("GIVEN Paris 09:00–18:00 on weekdays THEN open on Wednesday 10:30 Paris, closed at 18:30 and on Saturday", () => {
    expect(isOpen(PARIS, at("2026-12-02T09:30:00Z"))).toBe(true);
    expect(isOpen(PARIS, at("2026-12-02T17:30:00Z"))).toBe(false);
    expect(isOpen(PARIS, at("2026-12-05T10:00:00Z"))).toBe(false);
  });

  it("GIVEN Christmas as a holiday THEN closed all day although it is a Friday", () => {
    const cal = { ...PARIS, holidays: [{ date: "2026-12-25", name: "Christmas" }] };
    expect(isOpen(cal, at("2026-12-25T10:00:00Z"))).toBe(false);
    expect(isOpen(cal, at("2026-12-24T10:00:00Z"))).toBe(true);
  });

  it("GIVEN a holiday date THEN it is the date in the calendar's zone, not in UTC", () => {
    // 23:30 UTC on the 24th is 08:30 on the 25th in Tokyo.
    const tokyo: ShopCalendar = { timeZone: "Asia/Tokyo", hours: weekdays("08:00", "12:00"), holidays: [] };
    expect(isOpen(tokyo, at("2026-12-24T23:30:00Z"))).toBe(true);
    expect(isOpen({ ...tokyo, holidays: [{ date: "2026-12-25", name: "" }] }, at("2026-12-24T23:30:00Z"))).toBe(false);
  });
});

describe("nextOpening", () => {
  it("GIVEN a Friday evening THEN Monday 09:00 Paris as a UTC instant", () => {
    const next = nextOpening(PARIS, at("2026-12-04T19:00:00Z"));
    expect(next).toMatchObject({ daysAhead: 3, weekday: 1, time: "09:00" });
    expect(next!.at.toISOString()).toBe("2026-12-07T08:00:00.000Z");
  });

  it("GIVEN Monday is a holiday THEN Tuesday; a whole holiday week THEN the Monday after", () => {
    const cal = { ...PARIS, holidays: [{ date: "2026-12-07", name: "Closed" }] };
    expect(nextOpening(cal, at("2026-12-04T19:00:00Z"))!.at.toISOString()).toBe("2026-12-08T08:00:00.000Z");
    const week = ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01"].map((date) => ({
      date,
      name: "",
    }));
    expect(nextOpening({ ...PARIS, holidays: week }, at("2026-12-25T19:00:00Z"))!.at.toISOString()).toBe(
      "2027-01-04T08:00:00.000Z",
    );
  });

  it("GIVEN the week the clocks go forward THEN Monday 09:00 Paris is 07:00 UTC (it was 08:00 the week before)", () => {
    expect(nextOpening(PARIS, at("2027-03-26T19:00:00Z"))!.at.toISOString()).toBe("2027-03-29T07:00:00.000Z");
    expect(nextOpening(PARIS, at("2027-03-19T19:00:00Z"))!.at.toISOString()).toBe("2027-03-22T08:00:00.000Z");
  });

  it("GIVEN no hours at all THEN null (and the notice says 'as soon as possible')", () => {
    const closed = { ...PARIS, hours: [] };
    expect(nextOpening(closed, at("2026-12-02T10:00:00Z"))).toBeNull();
    expect(handoffNotice(replyExpectation(closed, at("2026-12-02T10:00:00Z")), "en")).toBe(
      "Thanks for your message. A person will reply as soon as possible.",
    );
  });
});

describe("businessMinutesBetween", () => {
  it("GIVEN a span inside one day THEN only the open part counts", () => {
    // Wednesday 08:00 → 10:30 Paris: open from 09:00.
    expect(businessMinutesBetween(PARIS, at("2026-12-02T07:00:00Z"), at("2026-12-02T09:30:00Z"))).toBe(90);
  });

  it("GIVEN a span over a night THEN the night adds nothing", () => {
    // Tuesday 17:00 → Wednesday 10:00 Paris: 60 + 60.
    expect(businessMinutesBetween(PARIS, at("2026-12-01T16:00:00Z"), at("2026-12-02T09:00:00Z"))).toBe(120);
  });

  it("GIVEN a span over a weekend THEN Saturday and Sunday add nothing", () => {
    // Friday 17:00 → Monday 10:00 Paris.
    expect(businessMinutesBetween(PARIS, at("2026-12-04T16:00:00Z"), at("2026-12-07T09:00:00Z"))).toBe(120);
  });

  it("GIVEN a holiday inside the span THEN that day adds nothing", () => {
    const cal = { ...PARIS, holidays: [{ date: "2026-12-25", name: "Christmas" }] };
    // Thursday 24th 17:00 → Monday 28th 10:00: 60 (Thursday) + 0 (Friday holiday) + 60 (Monday).
    expect(businessMinutesBetween(cal, at("2026-12-24T16:00:00Z"), at("2026-12-28T09:00:00Z"))).toBe(120);
    expect(businessMinutesBetween(PARIS, at("2026-12-24T16:00:00Z"), at("2026-12-28T09:00:00Z"))).toBe(120 + 540);
  });

  it("GIVEN a full week THEN five days of nine hours", () => {
    expect(businessMinutesBetween(PARIS, at("2026-11-30T00:00:00Z"), at("2026-12-07T00:00:00Z"))).toBe(5 * 540);
  });

  it("GIVEN opening hours across the DST changes THEN the real elapsed time counts", () => {
    const nights: ShopCalendar = {
      timeZone: "Europe/Paris",
      hours: [{ day: 0, open: "00:00", close: "06:00" }],
      holidays: [],
    };
    // Spring forward, Sunday 28 March 2027: 02:00 becomes 03:00, the 00:00–06:00 range lasts 5 hours.
    expect(businessMinutesBetween(nights, at("2027-03-27T12:00:00Z"), at("2027-03-28T12:00:00Z"))).toBe(300);
    // Fall back, Sunday 25 October 2026: 03:00 becomes 02:00 again, the range lasts 7 hours.
    expect(businessMinutesBetween(nights, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(420);
    // A day range is unaffected: Monday 29 March 2027 09:00–18:00 Paris is 07:00–16:00 UTC.
    expect(businessMinutesBetween(PARIS, at("2027-03-29T06:00:00Z"), at("2027-03-29T17:00:00Z"))).toBe(540);
  });

  it("GIVEN the same instant or a reversed span THEN 0", () => {
    expect(businessMinutesBetween(PARIS, at("2026-12-02T10:00:00Z"), at("2026-12-02T10:00:00Z"))).toBe(0);
    expect(businessMinutesBetween(PARIS, at("2026-12-02T12:00:00Z"), at("2026-12-02T10:00:00Z"))).toBe(0);
  });

  it("GIVEN a New York shop THEN a span is counted in New York's days", () => {
    const ny: ShopCalendar = { timeZone: "America/New_York", hours: weekdays("09:00", "17:00"), holidays: [] };
    // Friday 16:00 New York (21:00 UTC) → Saturday 02:00 UTC is still Friday evening there: 60 minutes.
    expect(businessMinutesBetween(ny, at("2026-12-04T21:00:00Z"), at("2026-12-05T02:00:00Z"))).toBe(60);
  });
});

describe("replyExpectation skips holidays", () => {
  it("GIVEN Friday is a holiday WHEN a customer writes on Thursday evening THEN 'on Monday from 09:00'", () => {
    const cal = { ...PARIS, holidays: [{ date: "2026-12-25", name: "Christmas" }] };
    const expectation = replyExpectation(cal, at("2026-12-24T19:00:00Z"));
    expect(handoffNotice(expectation, "en")).toBe("Thanks for your message. A person will reply on Monday from 09:00.");
    expect(handoffNotice(replyExpectation(PARIS, at("2026-12-24T19:00:00Z")), "en")).toBe(
      "Thanks for your message. A person will reply tomorrow from 09:00.",
    );
  });
});

describe("openState (what the widget is told)", () => {
  it("GIVEN open THEN { open: true, nextOpening: null }; closed THEN the next opening as ISO", () => {
    expect(openState(PARIS, at("2026-12-02T10:00:00Z"))).toEqual({ open: true, nextOpening: null });
    expect(openState(PARIS, at("2026-12-04T19:00:00Z"))).toEqual({
      open: false,
      nextOpening: "2026-12-07T08:00:00.000Z",
    });
  });
});

describe("reading the settings", () => {
  it("GIVEN only the old businessHours key THEN its hours, no holidays, the shop's zone", () => {
    const old = { businessHours: { hours: [{ day: 6, open: "10:00", close: "14:00" }] } };
    expect(readCalendarSettings(old)).toEqual({
      timeZone: null,
      hours: [{ day: 6, open: "10:00", close: "14:00" }],
      holidays: [],
    });
    expect(calendarFor({ settings: old, ianaTimezone: "America/Chicago" }).timeZone).toBe("America/Chicago");
  });

  it("GIVEN a calendar and an old businessHours key THEN the calendar wins, its zone overriding the shop's", () => {
    const settings = {
      businessHours: { hours: [{ day: 6, open: "10:00", close: "14:00" }] },
      calendar: {
        timeZone: "Asia/Tokyo",
        hours: [{ day: 1, open: "08:00", close: "12:00" }],
        holidays: [{ date: "2027-01-01" }],
      },
    };
    expect(calendarFor({ settings, ianaTimezone: "Europe/Paris" })).toEqual({
      timeZone: "Asia/Tokyo",
      hours: [{ day: 1, open: "08:00", close: "12:00" }],
      holidays: [{ date: "2027-01-01", name: "" }],
    });
  });

  it("GIVEN nothing, or a broken calendar and no old hours THEN Monday to Friday 09:00–17:00 in the shop's zone", () => {
    const cal = calendarFor({ settings: { calendar: { hours: "x" } }, ianaTimezone: "Europe/Madrid" });
    expect(cal).toEqual({ timeZone: "Europe/Madrid", hours: weekdays("09:00", "17:00"), holidays: [] });
    expect(calendarFor({ settings: null, ianaTimezone: "Not/AZone" }).timeZone).toBe("UTC");
  });
});
