// recommendationsFor: the `recommendations` a template sees, from the shop's own orders, the
// customer's product views and the catalogue (decision 0056). Three round trips whatever the
// shop's size: the customer's purchases and views (and the cached shop-wide signals), then
// bought-together counts and same-collection products, then the cards of the candidates
// (app/products/catalogue.server.ts: active, in stock, lowest available price). Ranking and
// merging are ./rank.ts.
import {
  clampLimit,
  mergeRecommendations,
  purchaseHistory,
  rankBestsellers,
  rankByCount,
  rankRecentlyViewed,
  replenishmentSchedule,
  type DueProduct,
  type ProductCard,
} from "./rank";
import {
  customerInShop,
  loadBoughtTogether,
  loadProductViews,
  loadPurchases,
  loadSameCollectionProducts,
  orderInShop,
} from "./queries.server";
import { productsByShopifyIds } from "../products/catalogue.server";
import { shopSignals } from "./shop-signals.server";
import { RECOMMENDATION_RULES, type Recommendation, type RecommendationReason } from "./types";

const DAY_MS = 86_400_000;

/** A customer or order id that does not exist in the shop (missing, or another shop's). */
export class RecommendationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecommendationInputError";
  }
}

export interface RecommendationOptions {
  customerId: string;
  /** The triggering order: its products are the base and are never recommended. */
  orderId?: string | null;
  /** Entries wanted (default 3, at most 12). */
  limit?: number | null;
  now?: Date;
  /** Only these reasons (default all, in REASON_PRECEDENCE order). */
  reasons?: readonly RecommendationReason[];
}

/**
 * What a recommendation shows of each product that may be offered: the catalogue's in-stock rule
 * (ACTIVE, not deleted, an available variant; price and image of the cheapest available variant).
 * Two statements for all candidates; products missing from the answer are not recommendable.
 */
export async function productCards(shopId: string, productIds: string[]): Promise<Map<string, ProductCard>> {
  const products = await productsByShopifyIds(shopId, productIds.map(BigInt));
  return new Map(
    products.map((p) => {
      const id = p.shopifyProductId.toString();
      return [id, { product_id: id, title: p.title, url: p.url, image: p.imageUrl, price: p.price }];
    }),
  );
}

async function assertInShop(shopId: string, customerId: string, orderId: string | null): Promise<void> {
  const [customerOk, orderOk] = await Promise.all([
    customerInShop(shopId, customerId),
    orderId ? orderInShop(shopId, orderId) : true,
  ]);
  if (!customerOk) throw new RecommendationInputError(`Customer ${customerId} does not exist in this shop`);
  if (!orderOk) throw new RecommendationInputError(`Order ${orderId} does not exist in this shop`);
}

export async function recommendationsFor(shopId: string, options: RecommendationOptions): Promise<Recommendation[]> {
  const limit = clampLimit(options.limit);
  const now = options.now ?? new Date();
  const orderId = options.orderId ?? null;
  const wanted = new Set<RecommendationReason>(
    options.reasons ?? ["replenishment", "bought_together", "recently_viewed", "bestseller_in_collection"],
  );
  if (limit === 0) {
    await assertInShop(shopId, options.customerId, orderId);
    return [];
  }

  const [, purchases, views, signals] = await Promise.all([
    assertInShop(shopId, options.customerId, orderId),
    loadPurchases(shopId, options.customerId, orderId),
    wanted.has("recently_viewed")
      ? loadProductViews(
          shopId,
          options.customerId,
          new Date(now.getTime() - RECOMMENDATION_RULES.recentlyViewedDays * DAY_MS),
          now,
          RECOMMENDATION_RULES.recentViewEvents,
        )
      : [],
    wanted.has("replenishment") || wanted.has("bestseller_in_collection") ? shopSignals(shopId, now) : null,
  ]);
  const history = purchaseHistory(purchases, orderId);
  // Neither the order just placed nor anything the customer already owns is a cross-sell.
  const owned = new Set([...history.anchorProducts, ...history.lastPurchased.keys()]);

  const [together, sameCollection] = await Promise.all([
    wanted.has("bought_together")
      ? loadBoughtTogether(shopId, history.base, RECOMMENDATION_RULES.candidatesPerReason + owned.size)
      : [],
    wanted.has("bestseller_in_collection") ? loadSameCollectionProducts(shopId, history.base) : [],
  ]);

  const top = (ids: string[]) => ids.slice(0, RECOMMENDATION_RULES.candidatesPerReason);
  const ranked: Partial<Record<RecommendationReason, string[]>> = {
    // Without a triggering order, a due product of the latest order was bought a whole interval
    // ago, not "just": only an order given by the caller is excluded here.
    replenishment: signals
      ? top(
          replenishmentSchedule(
            history.lastPurchased,
            signals.reorderIntervals,
            now,
            orderId ? history.anchorProducts : new Set(),
          ).map((d) => d.productId),
        )
      : [],
    bought_together: top(rankByCount(together, owned)),
    recently_viewed: top(rankRecentlyViewed(views, history.lastPurchased, history.anchorProducts)),
    bestseller_in_collection: signals ? top(rankBestsellers(sameCollection, signals.orderCounts, owned)) : [],
  };
  for (const reason of Object.keys(ranked) as RecommendationReason[]) {
    if (!wanted.has(reason)) delete ranked[reason];
  }
  const candidates = [...new Set(Object.values(ranked).flat())];
  const cards = await productCards(shopId, candidates);
  return mergeRecommendations(ranked, cards, limit);
}

export interface ReplenishmentDue extends ProductCard {
  last_purchased_at: Date;
  /** The product's median reorder interval across the shop, in days. */
  interval_days: number;
  due_at: Date;
}

/**
 * The customer's products due for a reorder now (last purchase + the product's median interval
 * within [now − 14 days, now + 7 days]), earliest due first; only products that may be
 * recommended (active, in stock). For the replenishment reminder flow.
 */
export async function replenishmentDue(
  shopId: string,
  customerId: string,
  now: Date = new Date(),
): Promise<ReplenishmentDue[]> {
  const [, purchases, signals] = await Promise.all([
    assertInShop(shopId, customerId, null),
    loadPurchases(shopId, customerId, null),
    shopSignals(shopId, now),
  ]);
  const history = purchaseHistory(purchases, null);
  const due: DueProduct[] = replenishmentSchedule(history.lastPurchased, signals.reorderIntervals, now);
  const cards = await productCards(
    shopId,
    due.map((d) => d.productId),
  );
  return due.flatMap((d) => {
    const card = cards.get(d.productId);
    return card
      ? [{ ...card, last_purchased_at: d.lastPurchasedAt, interval_days: d.intervalDays, due_at: d.dueAt }]
      : [];
  });
}
