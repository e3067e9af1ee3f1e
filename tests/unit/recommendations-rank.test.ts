// The pure rules behind recommendations (app/recommendations/rank.ts, decision 0056): the
// customer's purchase history and base products, each reason's order, replenishment timing, the
// merge with its precedence, limits, and which templates need recommendations at all.
import { describe, expect, it } from "vitest";
import {
  clampLimit,
  compareProductIds,
  mergeRecommendations,
  purchaseHistory,
  rankBestsellers,
  rankByCount,
  rankRecentlyViewed,
  replenishmentSchedule,
  type ProductCard,
} from "../../app/recommendations/rank";
import { mentionsRecommendations } from "../../app/recommendations/template-use";

const day = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * 86_400_000);
const NOW = day(0);

function card(id: string): ProductCard {
  return { product_id: id, title: `Product ${id}`, url: `https://s.test/products/p${id}`, image: null, price: "10.00" };
}
const cards = (...ids: string[]) => new Map(ids.map((id) => [id, card(id)]));

describe("purchaseHistory", () => {
  const rows = [
    { orderId: "o3", at: day(-2), productId: "30" },
    { orderId: "o3", at: day(-2), productId: "31" },
    { orderId: "o2", at: day(-10), productId: "20" },
    { orderId: "o2", at: day(-10), productId: "30" },
    { orderId: "o1", at: day(-40), productId: "10" },
    { orderId: "o0", at: day(-50), productId: null },
  ];

  it("GIVEN no order THEN the newest order is the anchor and the base is the most recently bought products", () => {
    const history = purchaseHistory(rows);
    expect(history.anchorOrderId).toBe("o3");
    expect([...history.anchorProducts]).toEqual(["30", "31"]);
    expect(history.base).toEqual(["30", "31", "20", "10"]);
    expect(history.lastPurchased.get("30")).toEqual(day(-2));
    expect(history.lastPurchased.get("10")).toEqual(day(-40));
  });

  it("GIVEN a triggering order THEN it is the anchor and its products alone are the base", () => {
    const history = purchaseHistory(rows, "o2");
    expect(history.anchorOrderId).toBe("o2");
    expect(history.base).toEqual(["20", "30"]);
    expect([...history.lastPurchased.keys()].sort()).toEqual(["10", "20", "30", "31"]);
  });

  it("GIVEN more than five products THEN the base keeps the five most recent", () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ orderId: `o${i}`, at: day(-i), productId: String(100 + i) }));
    expect(purchaseHistory(many).base).toEqual(["100", "101", "102", "103", "104"]);
  });

  it("GIVEN no orders THEN nothing is anchored", () => {
    expect(purchaseHistory([])).toMatchObject({ anchorOrderId: null, base: [] });
  });
});

describe("rankings", () => {
  it("compares Shopify ids as numbers", () => {
    expect(["10", "9", "100"].sort(compareProductIds)).toEqual(["9", "10", "100"]);
  });

  it("rankByCount: most orders first, ties by product id, excluded and zero counts dropped", () => {
    const counts = [
      { productId: "5", count: 2 },
      { productId: "3", count: 4 },
      { productId: "12", count: 2 },
      { productId: "7", count: 9 },
      { productId: "8", count: 0 },
    ];
    expect(rankByCount(counts, new Set(["7"]))).toEqual(["3", "5", "12"]);
  });

  it("rankBestsellers: the shop's order counts among the candidates only", () => {
    const counts = new Map([
      ["1", 50],
      ["2", 7],
      ["3", 7],
      ["4", 0],
    ]);
    expect(rankBestsellers(["3", "2", "4", "9", "2"], counts, new Set())).toEqual(["2", "3"]);
    expect(rankBestsellers(["3", "2"], counts, new Set(["2"]))).toEqual(["3"]);
  });

  it("rankRecentlyViewed: newest view first, one entry per product, dropped when bought since or excluded", () => {
    const views = [
      { productId: "1", viewedAt: day(-5) },
      { productId: "2", viewedAt: day(-1) },
      { productId: "1", viewedAt: day(-3) },
      { productId: "3", viewedAt: day(-4) },
      { productId: "4", viewedAt: day(-2) },
      { productId: "5", viewedAt: day(-6) },
    ];
    const lastPurchased = new Map([
      ["3", day(-4)], // bought at the view: acted on
      ["5", day(-9)], // bought before the view: still of interest
    ]);
    expect(rankRecentlyViewed(views, lastPurchased, new Set(["4"]))).toEqual(["2", "1", "5"]);
  });
});

describe("replenishmentSchedule", () => {
  const intervals = new Map([
    ["1", { medianDays: 30, intervals: 3 }],
    ["2", { medianDays: 30, intervals: 2 }],
    ["3", { medianDays: 60, intervals: 8 }],
    ["4", { medianDays: 10, intervals: 4 }],
    ["5", { medianDays: 20, intervals: 3 }],
    ["6", { medianDays: 20, intervals: 3 }],
  ]);

  it("GIVEN last purchase + median interval within [now − 14 days, now + 7 days] THEN due, earliest first", () => {
    const lastPurchased = new Map([
      ["1", day(-27)], // due in 3 days
      ["2", day(-30)], // only 2 intervals in the shop: no typical interval
      ["3", day(-70)], // 10 days overdue
      ["4", day(-40)], // 30 days overdue: past the grace
      ["5", day(-5)], // due in 15 days: too early
      ["6", day(-13)], // due in exactly 7 days
      ["9", day(-30)], // no interval known
    ]);
    expect(replenishmentSchedule(lastPurchased, intervals, NOW)).toEqual([
      { productId: "3", lastPurchasedAt: day(-70), intervalDays: 60, dueAt: day(-10) },
      { productId: "1", lastPurchasedAt: day(-27), intervalDays: 30, dueAt: day(3) },
      { productId: "6", lastPurchasedAt: day(-13), intervalDays: 20, dueAt: day(7) },
    ]);
  });

  it("GIVEN an excluded product or a purchase after now THEN it is not due", () => {
    const lastPurchased = new Map([
      ["1", day(-27)],
      ["3", day(1)],
    ]);
    expect(replenishmentSchedule(lastPurchased, intervals, NOW, new Set(["1"]))).toEqual([]);
  });

  it("takes a fractional median interval as days and hours", () => {
    const due = replenishmentSchedule(
      new Map([["1", day(-30)]]),
      new Map([["1", { medianDays: 30.5, intervals: 3 }]]),
      NOW,
    );
    expect(due[0].dueAt).toEqual(new Date(day(0).getTime() + 12 * 3_600_000));
  });
});

describe("mergeRecommendations", () => {
  it("fills reason by reason in precedence order, keeps a product's first reason, skips products without a card", () => {
    const merged = mergeRecommendations(
      {
        bestseller_in_collection: ["1", "6"],
        recently_viewed: ["4", "2"],
        bought_together: ["2", "3", "9"],
        replenishment: ["5"],
      },
      cards("1", "2", "3", "4", "5", "6"),
      5,
    );
    expect(merged.map((r) => [r.product_id, r.reason])).toEqual([
      ["5", "replenishment"],
      ["2", "bought_together"],
      ["3", "bought_together"],
      ["4", "recently_viewed"],
      ["1", "bestseller_in_collection"],
    ]);
    expect(merged[0]).toEqual({ ...card("5"), reason: "replenishment" });
  });

  it("stops at the limit, and an empty ranking gives nothing", () => {
    const ranked = { bought_together: ["1", "2", "3", "4"] };
    expect(mergeRecommendations(ranked, cards("1", "2", "3", "4"), 3).map((r) => r.product_id)).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(mergeRecommendations(ranked, cards("1"), 0)).toEqual([]);
    expect(mergeRecommendations({}, cards("1"), 3)).toEqual([]);
  });

  it("clamps the limit to 0…12, 3 by default", () => {
    expect([clampLimit(undefined), clampLimit(null), clampLimit(5.9), clampLimit(-1), clampLimit(50)]).toEqual([
      3, 3, 5, 0, 12,
    ]);
  });
});

describe("template use", () => {
  it("a template needs recommendations only when its text names them", () => {
    expect(mentionsRecommendations("Thanks!", "{% for p in recommendations %}{{ p.title }}{% endfor %}")).toBe(true);
    expect(mentionsRecommendations("{{ recommendations.size }} ideas", null)).toBe(true);
    expect(mentionsRecommendations(null, "Hi {{ customer.first_name }}, {{ order.name }} is confirmed.")).toBe(false);
    expect(mentionsRecommendations(undefined, "our_recommendations_page")).toBe(false);
  });
});
