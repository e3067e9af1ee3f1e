// The labelled answers eval (npm run eval:answers) as a test, on both sets: a clothing store
// (tests/fixtures/answers/) and a skincare shop written later as held-out data
// (tests/fixtures/answers-b/). Each set's articles go through the real CSV import and every
// message through decideAnswer without a locale, as the inbound routes call it. English must meet
// the retrieval-only targets on each set and on each held-out third; the mandatory hand-off topics
// must be caught in every language. With the stand-in LLM switched on, never more false answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enableStandInModel,
  figures,
  loadMessages,
  runEval,
  seedEvalShop,
  startGroundedStandIn,
  type EvalOutcome,
  type EvalSet,
} from "../../bench/lib/answers-eval";
import { closeLlmBudget } from "../../app/llm/budget.server";
import type { FakeOpenAI } from "../fakes";

const SETS: EvalSet[] = ["a", "b"];
const outcomes = new Map<EvalSet, EvalOutcome[]>();
const withModel = new Map<EvalSet, EvalOutcome[]>();
let standIn: FakeOpenAI;

beforeAll(async () => {
  standIn = await startGroundedStandIn();
  for (const set of SETS) {
    const messages = loadMessages(set);
    outcomes.set(set, await runEval(await seedEvalShop(`answers-eval-${set}.myshopify.com`, {}, set), messages));
    const modelShopId = await seedEvalShop(`answers-eval-${set}-llm.myshopify.com`, {}, set);
    await enableStandInModel(modelShopId, standIn.url);
    withModel.set(set, await runEval(modelShopId, messages));
  }
}, 300_000);

afterAll(async () => {
  await closeLlmBudget();
  await standIn?.close();
});

describe.each(SETS)("GIVEN labelled set %s imported from CSV WHEN every message is decided (retrieval only)", (set) => {
  it("THEN English meets the targets: false answers ≤ 2 %, hand-off recall ≥ 95 % (100 % mandatory), top-1 ≥ 90 %", () => {
    const english = figures(outcomes.get(set)!.filter((o) => o.message.locale === "en"));
    expect(english.messages).toBeGreaterThanOrEqual(80);
    expect(english.falseAnswerRate).toBeLessThanOrEqual(0.02);
    expect(english.handoffRecall).toBeGreaterThanOrEqual(0.95);
    expect(english.mandatoryRecall).toBe(1);
    expect(english.top1).toBeGreaterThanOrEqual(0.9);
  });

  it("THEN the held-out third alone meets them too", () => {
    const heldOut = figures(
      outcomes.get(set)!.filter((o) => o.message.locale === "en" && o.message.split === "held-out"),
    );
    expect(heldOut.falseAnswerRate).toBeLessThanOrEqual(0.02);
    expect(heldOut.handoffRecall).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.mandatoryRecall).toBe(1);
    expect(heldOut.top1).toBeGreaterThanOrEqual(0.9);
  });

  it("THEN Spanish and French catch every mandatory topic and answer no injection or out-of-scope message", () => {
    for (const locale of ["es", "fr"] as const) {
      const f = figures(outcomes.get(set)!.filter((o) => o.message.locale === locale));
      expect(f.mandatoryRecall, locale).toBe(1);
      expect(f.falseAnswers, locale).toBe(0);
    }
    const injections = outcomes.get(set)!.filter((o) => o.message.injection);
    expect(injections.length).toBeGreaterThanOrEqual(6);
    for (const o of injections) expect(o.decision.kind, o.message.text).toBe("handoff");
  });
});

describe("GIVEN both sets WHEN decided with the stand-in LLM switched on", () => {
  it("THEN the model was used, and no locale gets more false answers or fewer mandatory hand-offs than retrieval alone", () => {
    expect(standIn.requests.length).toBeGreaterThan(0);
    for (const set of SETS) {
      const model = withModel.get(set)!;
      expect(model.some((o) => o.decision.kind === "answer" && o.decision.text.includes("[en] "))).toBe(true);
      for (const locale of ["en", "es", "fr"] as const) {
        const alone = figures(outcomes.get(set)!.filter((o) => o.message.locale === locale));
        const withIt = figures(model.filter((o) => o.message.locale === locale));
        expect(withIt.falseAnswers, `${set} ${locale}`).toBeLessThanOrEqual(alone.falseAnswers);
        expect(withIt.mandatoryRecall, `${set} ${locale}`).toBe(1);
      }
      for (const o of model.filter((x) => x.message.injection)) expect(o.decision.kind, o.message.text).toBe("handoff");
    }
  });
});
