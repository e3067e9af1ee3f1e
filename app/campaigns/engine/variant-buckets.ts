// A/B variants by a deterministic hash: each customer falls in one of 100 buckets (PostgreSQL's
// hashtext of campaignId:customerId, so two campaigns split the same audience differently), and
// the variants' weights take consecutive bucket ranges: weights 50/50 → A is 0–49, B is 50–99.
import type { CampaignVariant } from "../content";

export interface VariantBound {
  key: string;
  /** Buckets below this (and at or above the previous bound) get this variant. */
  below: number;
}

export function variantBounds(variants: Pick<CampaignVariant, "key" | "weight">[]): VariantBound[] {
  let sum = 0;
  const bounds = variants.map((v) => ({ key: v.key, below: (sum += v.weight) }));
  // Weights are validated to sum to 100; a stored row that does not still gives everyone a variant.
  if (bounds.length > 0) bounds[bounds.length - 1].below = 100;
  return bounds;
}

/** The same choice in JS, for previews and tests: bucket in 0..99. */
export function variantForBucket(bounds: VariantBound[], bucket: number): string {
  return (bounds.find((b) => bucket < b.below) ?? bounds[bounds.length - 1]).key;
}
