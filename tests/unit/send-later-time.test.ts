// Send later's times (app/send-later/send-time.ts): presets and the date field read in the shop's
// zone, across a DST change, and the bounds a send time must keep.
import { describe, expect, it } from "vitest";
import {
  parseSendAt,
  presetSendAt,
  sendAtProblem,
  toLocalInputValue,
  wallClockToDate,
} from "../../app/send-later/send-time";

describe("send later times", () => {
  it("GIVEN a wall-clock time in the date field THEN it is that time in the shop's zone, summer or winter", () => {
    expect(parseSendAt("2026-07-01T09:00", "Europe/Paris")?.toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(parseSendAt("2026-12-04T09:00", "Europe/Paris")?.toISOString()).toBe("2026-12-04T08:00:00.000Z");
    expect(parseSendAt("2026-12-04T09:00", "America/New_York")?.toISOString()).toBe("2026-12-04T14:00:00.000Z");
    // An instant with its offset is taken as it is.
    expect(parseSendAt("2026-12-04T09:00:00Z", "Europe/Paris")?.toISOString()).toBe("2026-12-04T09:00:00.000Z");
    expect(parseSendAt("2026-12-04T09:00+01:00", "UTC")?.toISOString()).toBe("2026-12-04T08:00:00.000Z");
  });

  it("GIVEN something that is not a time THEN null", () => {
    for (const bad of ["", "tomorrow", "2026-02-31T09:00", "2026-13-01T09:00", "2026-12-04T24:00", "2026-12-04 09:00"])
      expect(parseSendAt(bad, "Europe/Paris"), bad).toBeNull();
  });

  it("GIVEN the presets THEN whole minutes ahead, and tomorrow 9:00 in the shop's zone, also on the night the clocks change", () => {
    const now = new Date("2026-12-03T18:00:30Z");
    expect(presetSendAt("in-1h", "Europe/Paris", now).toISOString()).toBe("2026-12-03T19:00:00.000Z");
    expect(presetSendAt("in-3h", "Europe/Paris", now).toISOString()).toBe("2026-12-03T21:00:00.000Z");
    // 00:30 in Paris is already the 4th (23:30 UTC on the 3rd): tomorrow is the 5th.
    expect(presetSendAt("tomorrow-9", "Europe/Paris", new Date("2026-12-03T23:30:00Z")).toISOString()).toBe(
      "2026-12-05T08:00:00.000Z",
    );
    // Europe changes to summer time on 29 March 2026: 09:00 the next morning is 07:00 UTC.
    expect(presetSendAt("tomorrow-9", "Europe/Paris", new Date("2026-03-28T12:00:00Z")).toISOString()).toBe(
      "2026-03-29T07:00:00.000Z",
    );
    expect(toLocalInputValue(new Date("2026-03-29T07:00:00Z"), "Europe/Paris")).toBe("2026-03-29T09:00");
    // The skipped hour (02:30 does not exist in Paris that night) moves on rather than back.
    expect(
      wallClockToDate({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Paris").getTime(),
    ).toBeGreaterThanOrEqual(new Date("2026-03-29T01:00:00Z").getTime());
  });

  it("GIVEN a send time THEN at least one minute ahead and at most 30 days", () => {
    const now = new Date("2026-12-03T18:00:00Z");
    expect(sendAtProblem(new Date("2026-12-03T17:59:00Z"), now)).toMatch(/at least one minute/);
    expect(sendAtProblem(new Date("2026-12-03T18:00:30Z"), now)).toMatch(/at least one minute/);
    expect(sendAtProblem(new Date("2026-12-03T18:01:00Z"), now)).toBeNull();
    expect(sendAtProblem(new Date("2027-01-02T18:00:00Z"), now)).toBeNull();
    expect(sendAtProblem(new Date("2027-01-02T18:01:00Z"), now)).toMatch(/30 days/);
  });
});
