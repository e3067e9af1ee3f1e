// Whether a template needs `recommendations`, and sample entries for previews. Recommendations
// cost a few queries, so the context carries them only for a template whose text names them: the
// order-confirmation hot path renders its usual templates without a single extra statement.
import type { Recommendation } from "./types";

const MENTION = /\brecommendations\b/;

/** True when any of the template's fields (subject, body) mentions `recommendations`. */
export function mentionsRecommendations(...sources: Array<string | null | undefined>): boolean {
  return sources.some((source) => !!source && MENTION.test(source));
}

/** Three made-up entries (in precedence order) for previews without real ones. */
export function sampleRecommendations(shopUrl: string): Recommendation[] {
  return [
    {
      title: "Cedar garment spray",
      url: `${shopUrl}/products/cedar-garment-spray`,
      image: null,
      price: "12.50",
      reason: "replenishment",
      product_id: "7005",
    },
    {
      title: "Linen napkins (set of 4)",
      url: `${shopUrl}/products/linen-napkins`,
      image: null,
      price: "24.00",
      reason: "bought_together",
      product_id: "7003",
    },
    {
      title: "Canvas weekender",
      url: `${shopUrl}/products/canvas-weekender`,
      image: null,
      price: "89.00",
      reason: "bestseller_in_collection",
      product_id: "7004",
    },
  ];
}
