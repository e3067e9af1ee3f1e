// `npm run eval:answers`: the labelled set in tests/fixtures/answers/ through decideAnswer on a
// fresh PostgreSQL schema, in two modes in one run: retrieval only (no LLM), then with the
// stand-in LLM (the OpenAI-format fake, started in-process and scripted as a grounded model:
// see startGroundedStandIn — it measures the plumbing, not a real model). Each printed per locale
// and per split (tuning / held-out). `-- --fit` refits the confidence model on the tuning split only and
// prints coefficients and the threshold to paste into app/knowledge/confidence-model.ts.
import { createTestSchema } from "../tests/support/test-database";

const FIT = process.argv.includes("--fit");
const VERBOSE = process.argv.includes("--verbose");

const database = await createTestSchema("eval_answers");
Object.assign(process.env, {
  NODE_ENV: "test",
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? "b".repeat(64),
  DATABASE_URL: database.url,
  // The model's daily token budget is counted in Redis under this prefix (removed at the end).
  QUEUE_PREFIX: `eval-${database.schema}`,
  LOG_LEVEL: "warn",
});
const standIn = await (await import("./lib/answers-eval")).startGroundedStandIn();

try {
  const evalLib = await import("./lib/answers-eval");
  const { fitLogistic, chooseThreshold, chooseThresholdCrossValidated } = await import("./lib/fit-confidence");
  const messages = evalLib.loadMessages();
  const shopId = await evalLib.seedEvalShop();

  if (FIT) {
    const samples = await evalLib.retrievalSamples(
      shopId,
      messages.filter((m) => m.split === "tuning"),
    );
    const model = fitLogistic(samples);
    console.log("coefficients:", JSON.stringify(model));
    console.log("threshold (cross-validated, the default):", chooseThresholdCrossValidated(samples));
    console.log("threshold (in-sample, for comparison):", chooseThreshold(samples, model));
  }

  type Outcomes = Awaited<ReturnType<typeof evalLib.runEval>>;
  const printTable = (title: string, outcomes: Outcomes) => {
    console.log(`\nThreadline · eval:answers · ${title}\n`);
    console.log(evalLib.FIGURES_HEADER);
    for (const split of ["tuning", "held-out", "all"] as const) {
      for (const locale of ["en", "es", "fr", "all"] as const) {
        const subset = outcomes.filter(
          (o) => (split === "all" || o.message.split === split) && (locale === "all" || o.message.locale === locale),
        );
        if (subset.length) console.log(evalLib.formatFigures(`${split} · ${locale}`, evalLib.figures(subset)));
      }
    }
  };

  let started = performance.now();
  const outcomes = await evalLib.runEval(shopId, messages);
  const retrievalMs = performance.now() - started;
  printTable("retrieval only (no LLM), real PostgreSQL", outcomes);

  // Mode 2: the same set on a second shop with the same articles and the stand-in model on.
  const modelShopId = await evalLib.seedEvalShop("answers-eval-llm.myshopify.com");
  await evalLib.enableStandInModel(modelShopId, standIn.url);
  started = performance.now();
  const withModel = await evalLib.runEval(modelShopId, messages);
  const modelMs = performance.now() - started;
  printTable("with the stand-in LLM (grounded script over the OpenAI wire format; plumbing, not quality)", withModel);
  const modelWritten = withModel.filter((o) => o.decision.kind === "answer" && /^\[[a-z]{2}\] /m.test(o.decision.text));
  const changed = withModel.filter((o, i) => {
    const a = o.decision;
    const b = outcomes[i]!.decision;
    return a.kind !== b.kind || (a.kind === "handoff" && b.kind === "handoff" && a.reason !== b.reason);
  });
  console.log(
    `\nstand-in LLM: ${standIn.requests.length} model calls, ${modelWritten.length} answers written by the model, ` +
      `${changed.length} decisions of a different kind than retrieval only; ` +
      `${(retrievalMs / messages.length).toFixed(1)} ms/message retrieval only, ${(modelMs / messages.length).toFixed(1)} ms/message with the stand-in`,
  );

  const misses = outcomes.filter((o) => {
    const e = o.message.expected;
    const d = o.decision;
    if (e.kind === "answer") return d.kind !== "answer" || o.answeredTitle !== e.articleQuestion;
    if (e.kind === "handoff") return d.kind !== "handoff" || d.reason !== e.reason;
    if (e.kind === "order_tracking") return d.kind !== "order_tracking";
    return d.kind === "answer";
  });
  console.log(`\n${misses.length} messages not decided as labelled${VERBOSE ? ":" : " (--verbose lists them)"}`);
  if (VERBOSE) {
    for (const o of misses) {
      const d = o.decision;
      const got =
        d.kind === "answer"
          ? `answer "${d.article.title}" ${d.confidence}`
          : d.kind === "handoff"
            ? `handoff ${d.reason}${d.nearest ? ` (nearest "${d.nearest.title}" ${d.nearest.confidence})` : ""}`
            : d.kind;
      console.log(
        `  [${o.message.split} ${o.message.locale}] ${o.message.text}\n      expected ${JSON.stringify(o.message.expected)} · got ${got}`,
      );
    }
  }
  const { disconnectDb } = await import("../app/db/client.server");
  const { closeLlmBudget, tokenBudgetKey } = await import("../app/llm/budget.server");
  const { createRedisConnection } = await import("../app/jobs/connection.server");
  const redis = createRedisConnection();
  await redis.del(tokenBudgetKey(modelShopId));
  await redis.quit();
  await closeLlmBudget();
  await disconnectDb();
} finally {
  await standIn.close();
  await database.drop();
}
