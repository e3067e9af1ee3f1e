// The fallback RFM scoring (app/segments/rfm.ts): mid-rank quintiles within the shop's buyers and
// the documented R × FM table onto Shopify's group names.
import { describe, expect, it } from "vitest";
import { groupFor, quintileScores, RFM_TABLE, scoreRfm, type RfmInput } from "../../app/segments/rfm";

const DAY = 24 * 3600 * 1000;
const NOW = new Date("2026-12-03T12:00:00Z").getTime();
const customer = (id: string, daysAgo: number | null, ordersCount: number, totalSpent: number): RfmInput => ({
  id,
  lastOrderAt: daysAgo === null ? null : new Date(NOW - daysAgo * DAY),
  ordersCount,
  totalSpent,
});

describe("fallback RFM scoring", () => {
  it("GIVEN ten distinct values THEN each fifth scores 1 to 5 in order", () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([10, 1, 5])).toEqual([5, 1, 3]);
  });

  it("GIVEN equal values THEN they share one score (the mid-rank), never split across quintiles", () => {
    // 8 of 10 at 1 order: mid-rank p = (0 + 8/2) / 10 = 0.4 → 3; the two at 2 and 5: p = 0.85, 0.95 → 5.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 1, 1, 2, 5])).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 5, 5]);
    expect(quintileScores([7])).toEqual([3]);
    expect(quintileScores([])).toEqual([]);
  });

  it("GIVEN the R × FM table THEN its corners and rounding are as documented", () => {
    expect(groupFor(5, 5, 5)).toBe("CHAMPIONS");
    expect(groupFor(5, 1, 1)).toBe("NEW");
    expect(groupFor(1, 5, 5)).toBe("PREVIOUSLY_LOYAL");
    expect(groupFor(1, 1, 1)).toBe("DORMANT");
    expect(groupFor(4, 4, 5)).toBe("LOYAL"); // FM = round(4.5) = 5
    expect(groupFor(3, 2, 3)).toBe("NEEDS_ATTENTION"); // FM = round(2.5) = 3
    expect(groupFor(2, 3, 3)).toBe("AT_RISK");
    expect(groupFor(2, 1, 2)).toBe("ALMOST_LOST");
    expect(groupFor(4, 1, 2)).toBe("PROMISING");
    expect(groupFor(5, 3, 3)).toBe("ACTIVE");
    expect(RFM_TABLE.flat().every((g) => g !== "PROSPECTS")).toBe(true);
  });

  it("GIVEN a shop of buyers and non-buyers THEN non-buyers are PROSPECTS and buyers rank within the shop", () => {
    const scores = scoreRfm([
      customer("fresh-big", 1, 9, 900),
      customer("fresh-small", 2, 1, 20),
      customer("mid", 40, 3, 150),
      customer("old-big", 300, 8, 800),
      customer("old-small", 400, 1, 15),
      customer("never", null, 0, 0),
      // Orders before what the backfill imported: a buyer whose recency counts as the oldest.
      customer("history-only", null, 2, 60),
    ]);
    const by = Object.fromEntries(scores.map((s) => [s.id, s]));
    expect(by.never).toEqual({ id: "never", recency: 0, frequency: 0, monetary: 0, group: "PROSPECTS" });
    // Six buyers; e.g. spend 15, 20, 60, 150, 800, 900 → p = 1/12, 3/12 … 11/12 → M 1, 2, 3, 3, 4, 5.
    expect(by["fresh-big"]).toMatchObject({ recency: 5, frequency: 5, monetary: 5, group: "CHAMPIONS" });
    expect(by["fresh-small"]).toMatchObject({ recency: 4, frequency: 1, monetary: 2, group: "PROMISING" });
    expect(by.mid).toMatchObject({ recency: 3, frequency: 3, monetary: 3, group: "NEEDS_ATTENTION" });
    expect(by["old-big"]).toMatchObject({ recency: 3, frequency: 4, monetary: 4, group: "LOYAL" });
    expect(by["old-small"]).toMatchObject({ recency: 2, frequency: 1, monetary: 1, group: "ALMOST_LOST" });
    expect(by["history-only"]).toMatchObject({ recency: 1, frequency: 3, monetary: 3, group: "AT_RISK" });
  });
});
