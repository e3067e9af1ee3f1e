// The shop's hours for automatic answers (app/business-hours/calendar.ts) and the hand-off notice's
// words (expectation-text.ts): open or closed in the shop's own zone, and when a person replies.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CALENDAR,
  isOpen as isOpenIn,
  nextOpening as nextOpeningIn,
  readCalendarSettings,
  replyExpectation as replyExpectationIn,
  type ShopCalendar,
} from "../../app/business-hours/calendar";
import { answerWithCitation, handoffNotice } from "../../app/answers/expectation-text";

type BusinessHours = Pick<ShopCalendar, "hours">;
const WEEKDAYS_9_TO_6: BusinessHours = {
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })),
};
const cal = (hours: BusinessHours, timeZone: string): ShopCalendar => ({ ...hours, timeZone, holidays: [] });
const isOpen = (h: BusinessHours, zone: string, at: Date) => isOpenIn(cal(h, zone), at);
const nextOpening = (h: BusinessHours, zone: string, at: Date) => nextOpeningIn(cal(h, zone), at);
const replyExpectation = (h: BusinessHours, zone: string, at: Date) => replyExpectationIn(cal(h, zone), at);
// Wednesday 2 December 2026.
const at = (iso: string) => new Date(iso);

describe("business hours", () => {
  it("GIVEN hours in Europe/Paris WHEN it is 10:30 in Paris (09:30 UTC) on a Wednesday THEN open; at 18:30 Paris THEN closed", () => {
    expect(isOpen(WEEKDAYS_9_TO_6, "Europe/Paris", at("2026-12-02T09:30:00Z"))).toBe(true);
    expect(isOpen(WEEKDAYS_9_TO_6, "Europe/Paris", at("2026-12-02T17:30:00Z"))).toBe(false);
    expect(isOpen(WEEKDAYS_9_TO_6, "America/New_York", at("2026-12-02T09:30:00Z"))).toBe(false);
  });

  it("GIVEN a Friday evening WHEN the next opening is asked THEN Monday 09:00 in the shop's zone, as a UTC instant", () => {
    const next = nextOpening(WEEKDAYS_9_TO_6, "Europe/Paris", at("2026-12-04T19:00:00Z"));
    expect(next).toMatchObject({ daysAhead: 3, weekday: 1, time: "09:00" });
    expect(next!.at.toISOString()).toBe("2026-12-07T08:00:00.000Z");
  });

  it("GIVEN the shop is open WHEN a person is expected THEN today before closing; before opening THEN today from opening", () => {
    expect(replyExpectation(WEEKDAYS_9_TO_6, "UTC", at("2026-12-02T10:00:00Z"))).toEqual({
      kind: "today_before",
      time: "18:00",
    });
    expect(replyExpectation(WEEKDAYS_9_TO_6, "UTC", at("2026-12-02T07:00:00Z"))).toMatchObject({
      kind: "opening",
      daysAhead: 0,
      time: "09:00",
    });
    expect(replyExpectation({ hours: [] }, "UTC", at("2026-12-02T07:00:00Z"))).toEqual({ kind: "unknown" });
  });

  it("GIVEN settings without hours or with malformed hours THEN Monday to Friday 09:00–17:00", () => {
    expect(readCalendarSettings({})).toEqual(DEFAULT_CALENDAR);
    expect(readCalendarSettings({ businessHours: { hours: [{ day: 9, open: "25:00", close: "x" }] } })).toEqual(
      DEFAULT_CALENDAR,
    );
  });
});

describe("hand-off notice and citation", () => {
  it("GIVEN each expectation THEN the customer's language says when a person replies", () => {
    const friday = at("2026-12-04T19:00:00Z");
    const monday = replyExpectation(WEEKDAYS_9_TO_6, "UTC", friday);
    expect(handoffNotice(monday, "en")).toBe("Thanks for your message. A person will reply on Monday from 09:00.");
    expect(handoffNotice(monday, "es")).toBe(
      "Gracias por tu mensaje. Una persona te responderá el lunes a partir de las 09:00.",
    );
    expect(handoffNotice(monday, "fr")).toBe(
      "Merci pour votre message. Une personne vous répondra lundi à partir de 09:00.",
    );
    const open = replyExpectation(WEEKDAYS_9_TO_6, "UTC", at("2026-12-02T10:00:00Z"));
    expect(handoffNotice(open, "en")).toBe("Thanks for your message. A person will reply today before 18:00.");
    const tomorrow = replyExpectation(WEEKDAYS_9_TO_6, "UTC", at("2026-12-02T19:00:00Z"));
    expect(handoffNotice(tomorrow, "en")).toBe("Thanks for your message. A person will reply tomorrow from 09:00.");
    expect(handoffNotice({ kind: "unknown" }, "en")).toBe(
      "Thanks for your message. A person will reply as soon as possible.",
    );
  });

  it("GIVEN an answer THEN it ends with where it came from", () => {
    expect(answerWithCitation("We ship in 2 days. ", "Shipping times", "en")).toBe(
      "We ship in 2 days.\n\n— from our FAQ: Shipping times",
    );
  });
});
