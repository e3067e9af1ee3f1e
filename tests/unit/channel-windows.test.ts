import { describe, expect, it } from "vitest";
import { channelWindow, HOUR_MS } from "../../app/conversations/channel-windows";

const now = new Date("2026-03-01T12:00:00Z");
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);

describe("channelWindow", () => {
  it("lets SMS, email and chat through at any time", () => {
    for (const channel of ["SMS", "EMAIL", "CHAT"] as const) {
      expect(channelWindow(channel, null, now)).toEqual({
        allowed: true,
        metaTag: null,
        reason: null,
        explanation: null,
      });
      expect(channelWindow(channel, ago(1000), now).allowed).toBe(true);
    }
  });

  it("allows WhatsApp free-form only within 24 hours of the last WhatsApp message", () => {
    expect(channelWindow("WHATSAPP", ago(23.9), now)).toEqual({
      allowed: true,
      metaTag: null,
      reason: null,
      explanation: null,
    });
    const late = channelWindow("WHATSAPP", ago(24), now);
    expect(late.allowed).toBe(false);
    expect(late.reason).toBe("WINDOW_CLOSED");
    expect(late.explanation).toMatch(/approved template/);
    const never = channelWindow("WHATSAPP", null, now);
    expect(never.allowed).toBe(false);
    expect(never.reason).toBe("NEVER_WROTE");
    expect(never.explanation).toMatch(/approved template/);
  });

  it("allows Messenger and Instagram within 24 h, with HUMAN_AGENT up to 7 days, then not at all", () => {
    for (const channel of ["MESSENGER", "INSTAGRAM"] as const) {
      expect(channelWindow(channel, ago(2), now)).toEqual({
        allowed: true,
        metaTag: null,
        reason: null,
        explanation: null,
      });
      const tagged = channelWindow(channel, ago(25), now);
      expect(tagged.allowed).toBe(true);
      expect(tagged.metaTag).toBe("HUMAN_AGENT");
      expect(tagged.explanation).toMatch(/human-agent tag/);
      expect(channelWindow(channel, ago(7 * 24 - 0.1), now).metaTag).toBe("HUMAN_AGENT");
      const closed = channelWindow(channel, ago(7 * 24), now);
      expect(closed.allowed).toBe(false);
      expect(closed.explanation).toMatch(/7 days/);
      expect(channelWindow(channel, null, now).allowed).toBe(false);
    }
  });
});
