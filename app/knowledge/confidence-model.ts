// Calibrated confidence: the estimated probability that the top-ranked article answers the
// message, from BM25 features through a logistic function. The coefficients are fitted on
// the tuning part of the labelled set (tests/fixtures/answers/, `npm run eval:answers -- --fit`
// prints them; see README "Retrieval and hand-off"); the held-out part is never used to fit.
export interface ConfidenceFeatures {
  /** Top BM25 score divided by the query's maximum possible score, in [0, 1). */
  normalizedScore: number;
  /** (top − second best article) / the query's maximum possible score. */
  margin: number;
  /** Share of the query's known idf mass found in the top section. Reported, not in the model: it moved with normalizedScore and took a negative weight when fitted. */
  coverage: number;
  /** Share of the customer's words that appear in no published section. */
  unknownShare: number;
  /** Distinct query words the top section contains, capped at 3 and scaled to [0, 1]. */
  matchedTerms: number;
}

export const FEATURE_NAMES = ["normalizedScore", "margin", "unknownShare", "matchedTerms"] as const;

// Fitted by `npm run eval:answers -- --fit` (tuning split only).
export const CONFIDENCE_COEFFICIENTS = {
  intercept: 0.315,
  normalizedScore: 0.104,
  margin: 1.167,
  unknownShare: -1.89,
  matchedTerms: 2.065,
};

/**
 * Chosen on out-of-fold confidences of the tuning split (3-fold cross-validation): at most 2 %
 * false answers and at least 95 % right articles among answers (README "Retrieval and hand-off").
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.81;

export function featureVector(f: ConfidenceFeatures): number[] {
  return FEATURE_NAMES.map((name) => f[name]);
}

export function confidenceOf(f: ConfidenceFeatures, c = CONFIDENCE_COEFFICIENTS): number {
  const z =
    c.intercept +
    c.normalizedScore * f.normalizedScore +
    c.margin * f.margin +
    c.unknownShare * f.unknownShare +
    c.matchedTerms * f.matchedTerms;
  return 1 / (1 + Math.exp(-z));
}
