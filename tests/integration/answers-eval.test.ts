// The labelled answers eval (npm run eval:answers) as a test: the English messages, both splits,
// through the real CSV import and decideAnswer, must meet the retrieval-only targets; the
// mandatory hand-off topics must be caught in every language. The same set with the stand-in
// LLM switched on must never give more false answers than retrieval alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enableStandInModel,
  figures,
  loadMessages,
  runEval,
  seedEvalShop,
  startGroundedStandIn,
  type EvalOutcome,
} from "../../bench/lib/answers-eval";
import { closeLlmBudget } from "../../app/llm/budget.server";
import type { FakeOpenAI } from "../fakes";

let outcomes: EvalOutcome[];
let withModel: EvalOutcome[];
let standIn: FakeOpenAI;

beforeAll(async () => {
  const shopId = await seedEvalShop();
  outcomes = await runEval(shopId, loadMessages());
  standIn = await startGroundedStandIn();
  const modelShopId = await seedEvalShop("answers-eval-llm.myshopify.com");
  await enableStandInModel(modelShopId, standIn.url);
  withModel = await runEval(modelShopId, loadMessages());
}, 240_000);

afterAll(async () => {
  await closeLlmBudget();
  await standIn?.close();
});

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

describe("GIVEN the same set WHEN decided with the stand-in LLM switched on", () => {
  it("THEN the model was used, and no locale gets more false answers or fewer mandatory hand-offs than retrieval alone", () => {
    expect(standIn.requests.length).toBeGreaterThan(0);
    expect(withModel.some((o) => o.decision.kind === "answer" && o.decision.text.includes("[en] "))).toBe(true);
    for (const locale of ["en", "es", "fr"] as const) {
      const alone = figures(outcomes.filter((o) => o.message.locale === locale));
      const model = figures(withModel.filter((o) => o.message.locale === locale));
      expect(model.falseAnswers, locale).toBeLessThanOrEqual(alone.falseAnswers);
      expect(model.mandatoryRecall, locale).toBe(1);
    }
    for (const o of withModel.filter((x) => x.message.injection))
      expect(o.decision.kind, o.message.text).toBe("handoff");
  });
});
