// Calibrated confidence: the estimated probability that the top-ranked article answers the
// message, from BM25 features through a logistic function. The coefficients are fitted on the
// tuning parts of two labelled sets from two different stores (tests/fixtures/answers/ and
// answers-b/, `npm run eval:answers -- --fit` prints them; see README "Retrieval and hand-off" and
// decision 0038); their held-out parts are never used to fit.
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

// Fitted by `npm run eval:answers -- --fit` (both sets' tuning splits only).
export const CONFIDENCE_COEFFICIENTS = {
  intercept: -1.064,
  normalizedScore: 1.04,
  margin: 1.706,
  unknownShare: -1.824,
  matchedTerms: 1.951,
};

/**
 * Chosen leave one store out, to stand for a knowledge base the model has never seen: a model
 * fitted on one store's tuning split scores the other's, and this is the lowest threshold at which
 * those confidences give at most 2 % false answers and at least 95 % right articles among answers
 * (README "Retrieval and hand-off", decision 0038).
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.78;

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
