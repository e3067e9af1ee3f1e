// The one mapping from what the engine stores on a FlowStep to the sentence staff see.
import { describe, expect, it } from "vitest";
import {
  cancelledByStaffReason,
  checkoutTooOldReason,
  describeStepReason,
  frequencyCapReason,
  noChannelReason,
  quietHoursReason,
} from "../../app/flows/step-reason";

const now = new Date("2026-12-02T03:00:00Z");
const opts = { shopTimeZone: "Europe/London", now };
const step = (state: string, over: { deferredReason?: string; lastError?: string; dueAt?: Date } = {}) => ({
  state,
  dueAt: over.dueAt ?? new Date("2026-12-02T08:00:00Z"),
  deferredReason: over.deferredReason ?? null,
  lastError: over.lastError ?? null,
});

describe("describeStepReason", () => {
  it("GIVEN a quiet-hours deferral THEN it names the time and the recipient's zone", () => {
    const reason = quietHoursReason("Europe/London", { start: "08:00", end: "21:00" });
    expect(describeStepReason(step("DEFERRED", { deferredReason: reason }), opts)).toBe(
      "Scheduled for 08:00 Europe/London: quiet hours",
    );
    const tokyo = quietHoursReason("Asia/Tokyo", { start: "08:00", end: "21:00" });
    // 23:00 UTC on 3 Dec is 08:00 on Friday 4 Dec in Tokyo: another day, so the date is named.
    expect(
      describeStepReason(step("DEFERRED", { deferredReason: tokyo, dueAt: new Date("2026-12-03T23:00:00Z") }), opts),
    ).toBe("Scheduled for Fri 4 Dec, 08:00 Asia/Tokyo: quiet hours");
  });

  it("GIVEN a frequency-cap deferral THEN it is shown in the shop's zone with the cap", () => {
    const reason = frequencyCapReason({ maxPerWindow: 1, windowHours: 24 }, "SMS");
    expect(
      describeStepReason(step("DEFERRED", { deferredReason: reason, dueAt: new Date("2026-12-02T14:30:00Z") }), opts),
    ).toBe("Scheduled for 14:30 Europe/London: frequency cap (1 per 24 h)");
  });

  it("GIVEN skipped and cancelled steps THEN each says why it was not sent", () => {
    const noChannel = noChannelReason([
      { channel: "SMS", reason: "no consent: The customer has not subscribed to SMS marketing." },
      { channel: "EMAIL", reason: "no email address" },
    ]);
    expect(describeStepReason(step("SKIPPED", { lastError: noChannel }), opts)).toBe(
      "not sent: no SMS consent, no email address",
    );
    expect(describeStepReason(step("SKIPPED", { lastError: checkoutTooOldReason(7) }), opts)).toBe(
      "not sent: checkout older than 7 days",
    );
    expect(describeStepReason(step("CANCELLED", { lastError: "customer replied (sms)" }), opts)).toBe(
      "not sent: customer replied",
    );
    expect(describeStepReason(step("CANCELLED", { lastError: "order placed" }), opts)).toBe("not sent: order placed");
    expect(describeStepReason(step("CANCELLED", { lastError: cancelledByStaffReason("Demo Staff") }), opts)).toBe(
      "not sent: cancelled by Demo Staff",
    );
    expect(describeStepReason(step("SENT"), opts)).toBeNull();
  });
});
