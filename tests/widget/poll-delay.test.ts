import { describe, expect, it } from "vitest";
import { nextPollDelay } from "../../extensions/chat-widget/src/poll-delay";

const base = { open: true, hidden: false, emptyPolls: 0, errors: 0 };

describe("poll delay", () => {
  it("polls every 1.5 s while open, so a reply shows within 3 s", () => {
    expect(nextPollDelay(base)).toBe(1_500);
    expect(nextPollDelay({ ...base, emptyPolls: 10 })).toBe(1_500);
  });

  it("backs off by 1.5x after a quiet spell, up to 15 s", () => {
    expect(nextPollDelay({ ...base, emptyPolls: 11 })).toBe(2_250);
    expect(nextPollDelay({ ...base, emptyPolls: 12 })).toBe(3_375);
    expect(nextPollDelay({ ...base, emptyPolls: 40 })).toBe(15_000);
  });

  it("polls slowly while closed or hidden, and slower still after errors", () => {
    expect(nextPollDelay({ ...base, open: false })).toBe(20_000);
    expect(nextPollDelay({ ...base, hidden: true })).toBe(30_000);
    expect(nextPollDelay({ ...base, errors: 3 })).toBe(12_000);
    expect(nextPollDelay({ ...base, errors: 10 })).toBe(60_000);
  });
});
