// Pure ranking for recommendations (decision 0056): what the customer bought, which products each
// reason proposes and in what order, and how the reasons merge into one de-duplicated list. The
// SQL (./queries.server.ts) only counts; every rule that decides an order lives here.
import { REASON_PRECEDENCE, RECOMMENDATION_RULES, type Recommendation, type RecommendationReason } from "./types";

const DAY_MS = 86_400_000;

/** Numeric order of Shopify product ids ("9" before "10"); the tie-break of every ranking. */
export function compareProductIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One product of one order of the customer (productId null for an order without products). */
export interface PurchaseRow {
  orderId: string;
  at: Date;
  productId: string | null;
}

export interface PurchaseHistory {
  /** The triggering order, else the customer's latest order; null when there is none. */
  anchorOrderId: string | null;
  /** Products of the anchor order: never recommended. */
  anchorProducts: Set<string>;
  /** Every product the customer bought, with the time of its latest purchase. */
  lastPurchased: Map<string, Date>;
  /** What bought together and bestsellers start from: the anchor order's products when an order is given, else the customer's most recently bought; at most `baseProducts`. */
  base: string[];
}

/**
 * The customer's purchases, rows newest order first. With `orderId` that order is the anchor
 * (and the base); without it, the newest order is the anchor and the base is the customer's
 * most recently bought products.
 */
export function purchaseHistory(rows: PurchaseRow[], orderId: string | null = null): PurchaseHistory {
  const anchorOrderId = orderId ?? rows[0]?.orderId ?? null;
  const anchorProducts = new Set<string>();
  const lastPurchased = new Map<string, Date>();
  for (const row of rows) {
    if (!row.productId) continue;
    if (row.orderId === anchorOrderId) anchorProducts.add(row.productId);
    const seen = lastPurchased.get(row.productId);
    if (!seen || row.at > seen) lastPurchased.set(row.productId, row.at);
  }
  const newestFirst = [...lastPurchased.entries()]
    .sort(([a, at], [b, bt]) => bt.getTime() - at.getTime() || compareProductIds(a, b))
    .map(([id]) => id);
  const base = (orderId ? [...anchorProducts].sort(compareProductIds) : newestFirst).slice(
    0,
    RECOMMENDATION_RULES.baseProducts,
  );
  return { anchorOrderId, anchorProducts, lastPurchased, base };
}

export interface ProductCount {
  productId: string;
  count: number;
}

/** Most counted first, then the smaller product id; products in `exclude` or with no count dropped. */
export function rankByCount(counts: ProductCount[], exclude: ReadonlySet<string>): string[] {
  return counts
    .filter((c) => c.count > 0 && !exclude.has(c.productId))
    .sort((a, b) => b.count - a.count || compareProductIds(a.productId, b.productId))
    .map((c) => c.productId);
}

/** Bestsellers among the same-collection candidates: the shop's order counts, highest first. */
export function rankBestsellers(
  candidates: string[],
  orderCounts: ReadonlyMap<string, number>,
  exclude: ReadonlySet<string>,
): string[] {
  return rankByCount(
    [...new Set(candidates)].map((productId) => ({ productId, count: orderCounts.get(productId) ?? 0 })),
    exclude,
  );
}

export interface ProductView {
  productId: string;
  viewedAt: Date;
}

/**
 * Viewed products, the latest view of each, newest first; a product bought at or after its
 * latest view is dropped (the customer acted on it), as is anything in `exclude`.
 */
export function rankRecentlyViewed(
  views: ProductView[],
  lastPurchased: ReadonlyMap<string, Date>,
  exclude: ReadonlySet<string>,
): string[] {
  const latest = new Map<string, Date>();
  for (const view of views) {
    const seen = latest.get(view.productId);
    if (!seen || view.viewedAt > seen) latest.set(view.productId, view.viewedAt);
  }
  return [...latest.entries()]
    .filter(([id, viewedAt]) => {
      if (exclude.has(id)) return false;
      const bought = lastPurchased.get(id);
      return !bought || bought < viewedAt;
    })
    .sort(([a, at], [b, bt]) => bt.getTime() - at.getTime() || compareProductIds(a, b))
    .map(([id]) => id);
}

/** A product's typical reorder interval across the shop (median of its repeat intervals). */
export interface ReorderInterval {
  medianDays: number;
  intervals: number;
}

export interface DueProduct {
  productId: string;
  lastPurchasedAt: Date;
  intervalDays: number;
  dueAt: Date;
}

export interface DueWindow {
  leadDays: number;
  graceDays: number;
}

/**
 * The customer's products whose next purchase is due: last purchase + the product's median
 * interval (only products with at least `replenishmentMinIntervals` repeat intervals) falls within
 * [now − graceDays, now + leadDays]. Earliest due first.
 */
export function replenishmentSchedule(
  lastPurchased: ReadonlyMap<string, Date>,
  intervals: ReadonlyMap<string, ReorderInterval>,
  now: Date,
  exclude: ReadonlySet<string> = new Set(),
  window: DueWindow = {
    leadDays: RECOMMENDATION_RULES.replenishmentLeadDays,
    graceDays: RECOMMENDATION_RULES.replenishmentGraceDays,
  },
): DueProduct[] {
  const from = now.getTime() - window.graceDays * DAY_MS;
  const to = now.getTime() + window.leadDays * DAY_MS;
  const due: DueProduct[] = [];
  for (const [productId, lastPurchasedAt] of lastPurchased) {
    const interval = intervals.get(productId);
    if (!interval || interval.intervals < RECOMMENDATION_RULES.replenishmentMinIntervals) continue;
    if (exclude.has(productId) || lastPurchasedAt.getTime() > now.getTime()) continue;
    const dueAt = new Date(lastPurchasedAt.getTime() + interval.medianDays * DAY_MS);
    if (dueAt.getTime() < from || dueAt.getTime() > to) continue;
    due.push({ productId, lastPurchasedAt, intervalDays: interval.medianDays, dueAt });
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || compareProductIds(a.productId, b.productId));
}

/** What a recommendation shows of a product that may be recommended (active, in stock). */
export type ProductCard = Omit<Recommendation, "reason">;

/**
 * One list from every reason's ranking: reasons in REASON_PRECEDENCE order, each in its own
 * order; a product already taken (under an earlier reason) or without a card (not active, not in
 * stock, unknown) is skipped; at most `limit` entries.
 */
export function mergeRecommendations(
  ranked: Partial<Record<RecommendationReason, string[]>>,
  cards: ReadonlyMap<string, ProductCard>,
  limit: number,
): Recommendation[] {
  const out: Recommendation[] = [];
  const taken = new Set<string>();
  for (const reason of REASON_PRECEDENCE) {
    for (const productId of ranked[reason] ?? []) {
      if (out.length >= limit) return out;
      if (taken.has(productId)) continue;
      const card = cards.get(productId);
      if (!card) continue;
      taken.add(productId);
      out.push({ ...card, reason });
    }
  }
  return out;
}

/** The limit asked for, as a whole number within 0…maxLimit (default `defaultLimit`). */
export function clampLimit(limit: number | null | undefined): number {
  if (limit == null || !Number.isFinite(limit)) return RECOMMENDATION_RULES.defaultLimit;
  return Math.max(0, Math.min(RECOMMENDATION_RULES.maxLimit, Math.trunc(limit)));
}
