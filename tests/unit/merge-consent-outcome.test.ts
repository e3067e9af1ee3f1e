// The merge's consent rule: per channel and purpose, the most restrictive state wins.
import { describe, expect, it } from "vitest";
import { mergeConsentOutcome, mostRestrictive } from "../../app/customers/merge/consent-outcome";

describe("mostRestrictive", () => {
  it("prefers REVOKED over GRANTED and any state over none", () => {
    expect(mostRestrictive("GRANTED", "REVOKED")).toBe("REVOKED");
    expect(mostRestrictive("REVOKED", "GRANTED")).toBe("REVOKED");
    expect(mostRestrictive("GRANTED", "GRANTED")).toBe("GRANTED");
    expect(mostRestrictive(null, "GRANTED")).toBe("GRANTED");
    expect(mostRestrictive("REVOKED", null)).toBe("REVOKED");
    expect(mostRestrictive(null, null)).toBeNull();
  });
});

describe("mergeConsentOutcome", () => {
  it("lists every channel and purpose either side has, flags conflicts and explains them", () => {
    const outcome = mergeConsentOutcome(
      [
        { channel: "SMS", purpose: "MARKETING", state: "GRANTED" },
        { channel: "EMAIL", purpose: "MARKETING", state: "REVOKED" },
      ],
      [
        { channel: "SMS", purpose: "MARKETING", state: "REVOKED" },
        { channel: "EMAIL", purpose: "MARKETING", state: "GRANTED" },
        { channel: "WHATSAPP", purpose: "MARKETING", state: "GRANTED" },
      ],
    );
    expect(outcome.map((o) => [o.channel, o.result, o.conflict])).toEqual([
      ["EMAIL", "REVOKED", true],
      ["SMS", "REVOKED", true],
      ["WHATSAPP", "GRANTED", false],
    ]);
    expect(outcome[0].explanation).toMatch(/more restrictive/);
    expect(outcome[2].explanation).toMatch(/Only the merged customer/);
  });
});
