// Fitting the confidence model (app/knowledge/confidence-model.ts): logistic regression by
// batch gradient descent with a little L2, on the tuning split's retrieval samples (label: the
// top candidate is the expected article). Then the threshold: the lowest one at which no more
// than 2 % of the tuning messages that should get no answer would get one, and at least 95 % of
// the answers given cite the right article (the target is 90 %; the margin is for unseen questions) — lowest, so that as many questions as possible are
// still answered.
import { featureVector, type ConfidenceFeatures, FEATURE_NAMES } from "../../app/knowledge/confidence-model";

type Sample = { features: ConfidenceFeatures | null; correct: boolean; message: { expected: { kind: string } } };

export function fitLogistic(samples: Sample[], iterations = 20_000, rate = 0.5, l2 = 0.01) {
  const rows = samples.filter((s) => s.features).map((s) => ({ x: featureVector(s.features!), y: s.correct ? 1 : 0 }));
  const w = new Array(FEATURE_NAMES.length + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array(w.length).fill(0);
    for (const { x, y } of rows) {
      const z = w[0] + x.reduce((s, v, i) => s + v * w[i + 1], 0);
      const err = 1 / (1 + Math.exp(-z)) - y;
      grad[0] += err;
      x.forEach((v, i) => (grad[i + 1] += err * v));
    }
    for (let i = 0; i < w.length; i++) w[i] -= rate * (grad[i] / rows.length + (i > 0 ? l2 * w[i] : 0));
  }
  const model: Record<string, number> = { intercept: round(w[0]) };
  FEATURE_NAMES.forEach((name, i) => (model[name] = round(w[i + 1])));
  return model as { intercept: number } & Record<(typeof FEATURE_NAMES)[number], number>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Tighter than the 90 % target: the lowest threshold that passes on the tuning split sits on its edge. */
const TOP1_TARGET = 0.95;

type Model = ReturnType<typeof fitLogistic>;

function confidenceWith(model: Model, f: ConfidenceFeatures): number {
  const z = model.intercept + FEATURE_NAMES.reduce((s, n) => s + model[n] * f[n], 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * The threshold is chosen on out-of-fold confidences: each sample scored by a model fitted on
 * the other folds (3-fold cross-validation inside the tuning split), so the threshold reflects
 * questions the model has not seen, not the ones it was fitted on.
 */
export function chooseThresholdCrossValidated(samples: Sample[], folds = 3): number {
  const outOfFold = samples.map((sample, index) => {
    const training = samples.filter((_, j) => j % folds !== index % folds);
    const model = fitLogistic(training, 5_000);
    return { ...sample, p: sample.features ? confidenceWith(model, sample.features) : 0 };
  });
  return thresholdFor(outOfFold);
}

/**
 * The threshold for a knowledge base the model has never seen: a model fitted on each store's
 * samples scores the other stores' samples (leave one store out), and the threshold is chosen on
 * those out-of-store confidences. With one store only it falls back to 3-fold cross-validation.
 */
export function chooseThresholdAcrossStores(samplesByStore: Sample[][]): number {
  const stores = samplesByStore.filter((s) => s.length > 0);
  if (stores.length < 2) return chooseThresholdCrossValidated(stores[0] ?? []);
  const outOfStore = stores.flatMap((test, i) => {
    const model = fitLogistic(stores.filter((_, j) => j !== i).flat(), 5_000);
    return test.map((sample) => ({ ...sample, p: sample.features ? confidenceWith(model, sample.features) : 0 }));
  });
  return thresholdFor(outOfStore);
}

export function chooseThreshold(samples: Sample[], model: Model): number {
  return thresholdFor(samples.map((s) => ({ ...s, p: s.features ? confidenceWith(model, s.features) : 0 })));
}

function thresholdFor(scored: (Sample & { p: number })[]): number {
  const noAnswer = scored.filter((s) => s.message.expected.kind !== "answer").length;
  for (let t = 0.3; t <= 0.95; t += 0.01) {
    const answered = scored.filter((s) => s.p >= t);
    const falseAnswers = answered.filter((s) => s.message.expected.kind !== "answer").length;
    const answeredExpected = answered.filter((s) => s.message.expected.kind === "answer");
    const right = answeredExpected.filter((s) => s.correct).length;
    if (
      falseAnswers <= 0.02 * Math.max(noAnswer, 1) &&
      (answeredExpected.length === 0 || right / answeredExpected.length >= TOP1_TARGET)
    )
      return round(t);
  }
  return 0.95;
}
