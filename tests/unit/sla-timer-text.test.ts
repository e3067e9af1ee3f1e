// The SLA timer line in the inbox and on the conversation (app/sla/timer-text.ts).
import { describe, expect, it } from "vitest";
import { formatDuration, slaTimerText } from "../../app/sla/timer-text";

const now = new Date("2026-12-02T10:00:00Z");
const none = { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null };

describe("slaTimerText", () => {
  it("GIVEN no running target THEN nothing", () => {
    expect(slaTimerText(none, now)).toBeNull();
  });

  it("GIVEN first response in 42 minutes and resolution later THEN the earliest shows", () => {
    expect(
      slaTimerText(
        { ...none, firstResponseDueAt: "2026-12-02T10:42:00Z", resolutionDueAt: "2026-12-03T10:00:00Z" },
        now,
      ),
    ).toEqual({ text: "First response due in 42 min", overdue: false });
  });

  it("GIVEN a passed next response THEN overdue, rounded down, at least a minute", () => {
    expect(slaTimerText({ ...none, nextResponseDueAt: new Date("2026-12-02T08:54:30Z") }, now)).toEqual({
      text: "Overdue by 1 h 5 min (next response)",
      overdue: true,
    });
    expect(slaTimerText({ ...none, resolutionDueAt: now }, now)?.text).toBe("Overdue by 1 min (resolution)");
  });

  it("formats minutes, hours and days", () => {
    expect([formatDuration(5), formatDuration(120), formatDuration(65), formatDuration(1500)]).toEqual([
      "5 min",
      "2 h",
      "1 h 5 min",
      "1 d 1 h",
    ]);
  });
});
