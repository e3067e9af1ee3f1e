// The two shop-wide aggregates recommendations need, kept per process for a few minutes
// (decision 0056). Neither depends on the customer, and each reads every order of the shop (about
// 140 ms and 460 ms at 50,000 orders), so a message must not pay for them: one computation per
// shop per SIGNALS_TTL_MS serves every message in between. Bestsellers and reorder intervals that
// are a few minutes old change nothing a shopper would notice; stock and status are never cached.
import { loadOrderCounts, loadReorderIntervals } from "./queries.server";
import type { ReorderInterval } from "./rank";
import { RECOMMENDATION_RULES } from "./types";

export const SIGNALS_TTL_MS = 10 * 60_000;
/** Shops kept at once; the least recently computed goes first. */
const MAX_SHOPS = 200;
const DAY_MS = 86_400_000;

export interface ShopSignals {
  /** Orders per product in the bestseller window before `asOf`. */
  orderCounts: Map<string, number>;
  /** Reorder interval per product (only products with enough repeat intervals). */
  reorderIntervals: Map<string, ReorderInterval>;
  asOf: Date;
}

interface Entry {
  computedAt: number;
  asOf: number;
  signals: Promise<ShopSignals>;
}

const globalForSignals = globalThis as unknown as { threadlineShopSignals?: Map<string, Entry> };
const cache = (globalForSignals.threadlineShopSignals ??= new Map());

async function compute(shopId: string, asOf: Date): Promise<ShopSignals> {
  const since = new Date(asOf.getTime() - RECOMMENDATION_RULES.bestsellerWindowDays * DAY_MS);
  const [orderCounts, reorderIntervals] = await Promise.all([
    loadOrderCounts(shopId, since, asOf),
    loadReorderIntervals(
      shopId,
      asOf,
      RECOMMENDATION_RULES.replenishmentMinIntervalDays,
      RECOMMENDATION_RULES.replenishmentMinIntervals,
    ),
  ]);
  return { orderCounts, reorderIntervals, asOf };
}

/**
 * The shop's signals as of `now`: reused while computed less than SIGNALS_TTL_MS ago for a `now`
 * within SIGNALS_TTL_MS of the one asked (a preview "as of" another day computes its own).
 * Callers at the same moment share one computation; a failed one is not kept.
 */
export function shopSignals(shopId: string, now: Date, clock: () => number = Date.now): Promise<ShopSignals> {
  const hit = cache.get(shopId);
  if (hit && clock() - hit.computedAt < SIGNALS_TTL_MS && Math.abs(now.getTime() - hit.asOf) < SIGNALS_TTL_MS) {
    return hit.signals;
  }
  const entry: Entry = { computedAt: clock(), asOf: now.getTime(), signals: compute(shopId, now) };
  cache.delete(shopId);
  cache.set(shopId, entry);
  while (cache.size > MAX_SHOPS) cache.delete(cache.keys().next().value!);
  entry.signals.catch(() => {
    if (cache.get(shopId) === entry) cache.delete(shopId);
  });
  return entry.signals;
}

/** Drops what is kept (tests that change a shop's orders between calls; or one shop after a bulk import). */
export function forgetShopSignals(shopId?: string): void {
  if (shopId) cache.delete(shopId);
  else cache.clear();
}
