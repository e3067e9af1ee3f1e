// The `recommendations` template object and the rules' constants (decision 0056). Product ids are
// Shopify's numeric product ids as strings, as order line items carry them (`productId`).

export type RecommendationReason = "replenishment" | "bought_together" | "recently_viewed" | "bestseller_in_collection";

/**
 * When one product qualifies for several reasons it keeps the first of these, and slots are filled
 * reason by reason in this order: a product the customer is due to rebuy is the most personal and
 * time-bound, then what other shoppers bought with these products, then what the customer looked
 * at, then the generic bestsellers.
 */
export const REASON_PRECEDENCE: readonly RecommendationReason[] = [
  "replenishment",
  "bought_together",
  "recently_viewed",
  "bestseller_in_collection",
];

/** One entry of `recommendations` in a template (plain values only: Liquid reads own properties). */
export interface Recommendation {
  title: string;
  /** The storefront page (Product.url: onlineStoreUrl, else https://<shop domain>/products/<handle>, decision 0053). */
  url: string;
  /** Product.imageUrl, else the image of its cheapest available variant (else of any available one); null when none has one. */
  image: string | null;
  /** The lowest price among the product's available variants, major units ("12.50"). */
  price: string;
  reason: RecommendationReason;
  /** Shopify's product id ("7001"), as `line_items[].product_id`. */
  product_id: string;
}

export const RECOMMENDATION_RULES = {
  /** Entries when the caller names no limit, and the most it may ask for. */
  defaultLimit: 3,
  maxLimit: 12,
  /** Base products for bought together and bestsellers: the order's (or the customer's most recent) first N. */
  baseProducts: 5,
  /** Bestsellers count the shop's orders processed in the last N days. */
  bestsellerWindowDays: 90,
  /** Product views older than this are not "recently viewed". */
  recentlyViewedDays: 30,
  /** Views read per customer (newest first). */
  recentViewEvents: 200,
  /** A product's reorder interval needs at least this many repeat intervals across the shop. */
  replenishmentMinIntervals: 3,
  /** Two purchases of the same product by the same customer less than a day apart are one purchase. */
  replenishmentMinIntervalDays: 1,
  /** Due when last purchase + interval falls between now − graceDays and now + leadDays. */
  replenishmentLeadDays: 7,
  replenishmentGraceDays: 14,
  /** Candidates per reason passed on to the stock check. */
  candidatesPerReason: 50,
} as const;
