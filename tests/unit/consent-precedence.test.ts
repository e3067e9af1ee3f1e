// The one conflict rule every consent writer follows.
import { describe, expect, it } from "vitest";
import { consentReportWins } from "../../app/consent/consent-precedence";

const at = (iso: string) => new Date(iso);
const REVOKED_AT_NOON = { state: "REVOKED" as const, occurredAt: at("2026-11-25T12:00:00Z") };
const GRANTED_AT_NOON = { state: "GRANTED" as const, occurredAt: at("2026-11-25T12:00:00Z") };

describe("consentReportWins", () => {
  it("GIVEN nothing held THEN any report is taken", () => {
    expect(consentReportWins(null, GRANTED_AT_NOON)).toBe(true);
    expect(consentReportWins(undefined, REVOKED_AT_NOON)).toBe(true);
  });

  it("GIVEN an opt-out THEN an older grant is ignored, an equally old grant is ignored, a newer grant applies", () => {
    expect(consentReportWins(REVOKED_AT_NOON, { state: "GRANTED", occurredAt: at("2026-11-25T11:59:59Z") })).toBe(
      false,
    );
    expect(consentReportWins(REVOKED_AT_NOON, GRANTED_AT_NOON)).toBe(false);
    expect(consentReportWins(REVOKED_AT_NOON, { state: "GRANTED", occurredAt: at("2026-11-25T12:00:01Z") })).toBe(true);
  });

  it("GIVEN a grant THEN an opt-out at the same instant or later wins, an older one does not", () => {
    expect(consentReportWins(GRANTED_AT_NOON, REVOKED_AT_NOON)).toBe(true);
    expect(consentReportWins(GRANTED_AT_NOON, { state: "REVOKED", occurredAt: at("2026-11-25T13:00:00Z") })).toBe(true);
    expect(consentReportWins(GRANTED_AT_NOON, { state: "REVOKED", occurredAt: at("2026-11-25T11:00:00Z") })).toBe(
      false,
    );
  });

  it("GIVEN the same state again (a duplicate or stale delivery) THEN nothing changes", () => {
    expect(consentReportWins(REVOKED_AT_NOON, { state: "REVOKED", occurredAt: at("2026-11-26T00:00:00Z") })).toBe(
      false,
    );
    expect(consentReportWins(GRANTED_AT_NOON, GRANTED_AT_NOON)).toBe(false);
  });
});
