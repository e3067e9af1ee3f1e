// The labelled answers eval (npm run eval:answers) as a test: the English messages, both splits,
// through the real CSV import and decideAnswer, must meet the retrieval-only targets; the
// mandatory hand-off topics must be caught in every language.
import { beforeAll, describe, expect, it } from "vitest";
import { figures, loadMessages, runEval, seedEvalShop, type EvalOutcome } from "../../bench/lib/answers-eval";

let outcomes: EvalOutcome[];

beforeAll(async () => {
  const shopId = await seedEvalShop();
  outcomes = await runEval(shopId, loadMessages());
}, 120_000);

describe("GIVEN the labelled FAQ set imported from CSV WHEN every message is decided (retrieval only)", () => {
  it("THEN English meets the targets: false answers ≤ 2 %, hand-off recall ≥ 95 % (100 % mandatory), top-1 ≥ 90 %", () => {
    const english = figures(outcomes.filter((o) => o.message.locale === "en"));
    expect(english.messages).toBeGreaterThanOrEqual(80);
    expect(english.falseAnswerRate).toBeLessThanOrEqual(0.02);
    expect(english.handoffRecall).toBeGreaterThanOrEqual(0.95);
    expect(english.mandatoryRecall).toBe(1);
    expect(english.top1).toBeGreaterThanOrEqual(0.9);
  });

  it("THEN the held-out third alone meets them too", () => {
    const heldOut = figures(outcomes.filter((o) => o.message.locale === "en" && o.message.split === "held-out"));
    expect(heldOut.falseAnswerRate).toBeLessThanOrEqual(0.02);
    expect(heldOut.mandatoryRecall).toBe(1);
    expect(heldOut.top1).toBeGreaterThanOrEqual(0.9);
  });

  it("THEN Spanish and French catch every mandatory topic and answer no injection or out-of-scope message", () => {
    for (const locale of ["es", "fr"] as const) {
      const f = figures(outcomes.filter((o) => o.message.locale === locale));
      expect(f.mandatoryRecall, locale).toBe(1);
      expect(f.falseAnswers, locale).toBe(0);
    }
    const injections = outcomes.filter((o) => o.message.injection);
    expect(injections.length).toBeGreaterThanOrEqual(6);
    for (const o of injections) expect(o.decision.kind, o.message.text).toBe("handoff");
  });
});
