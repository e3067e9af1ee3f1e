// `npm run eval:answers`: both labelled sets (tests/fixtures/answers/ and answers-b/, see
// bench/lib/answers-eval.ts) through decideAnswer on a fresh PostgreSQL schema, in two modes in one
// run: retrieval only (no LLM), then with the stand-in LLM (the OpenAI-format fake, started
// in-process and scripted as a grounded model: see startGroundedStandIn — it measures the plumbing,
// not a real model). Each printed per set, split (tuning / held-out) and locale.
//   --set a|b    only that set (default: both)
//   --fit        refit the confidence model on the tuning splits of the chosen sets only, and print
//                coefficients and the threshold (chosen leave one store out when both sets are used)
//                to paste into app/knowledge/confidence-model.ts
//   --verbose    list every message not decided as labelled
import { createTestSchema } from "../tests/support/test-database";

const FIT = process.argv.includes("--fit");
const VERBOSE = process.argv.includes("--verbose");
const setArg = process.argv[process.argv.indexOf("--set") + 1];
const SETS = (process.argv.includes("--set") ? [setArg] : ["a", "b"]) as ("a" | "b")[];
if (SETS.some((s) => s !== "a" && s !== "b")) throw new Error(`--set must be a or b, not ${setArg}`);

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
const modelShops: string[] = [];

try {
  const evalLib = await import("./lib/answers-eval");
  const { fitLogistic, chooseThreshold, chooseThresholdAcrossStores, chooseThresholdCrossValidated } =
    await import("./lib/fit-confidence");
  type Outcomes = Awaited<ReturnType<typeof evalLib.runEval>>;

  const shops = new Map<string, string>();
  for (const set of SETS) shops.set(set, await evalLib.seedEvalShop(`answers-eval-${set}.myshopify.com`, {}, set));

  if (FIT) {
    const byStore = [];
    for (const set of SETS) {
      const tuning = evalLib.loadMessages(set).filter((m) => m.split === "tuning");
      byStore.push(await evalLib.retrievalSamples(shops.get(set)!, tuning));
    }
    const samples = byStore.flat();
    const model = fitLogistic(samples);
    console.log(`fitted on the tuning splits of set(s) ${SETS.join(", ")}: ${samples.length} retrieval samples`);
    console.log("coefficients:", JSON.stringify(model));
    console.log("threshold (leave one store out, the default):", chooseThresholdAcrossStores(byStore));
    console.log("threshold (3-fold cross-validated, for comparison):", chooseThresholdCrossValidated(samples));
    console.log("threshold (in-sample, for comparison):", chooseThreshold(samples, model));
  }

  const printTable = (title: string, outcomes: Outcomes) => {
    console.log(`\nThreadline · eval:answers · ${title}\n`);
    console.log(evalLib.FIGURES_HEADER);
    for (const set of SETS) {
      for (const split of ["tuning", "held-out", "all"] as const) {
        for (const locale of ["en", "es", "fr", "all"] as const) {
          const subset = outcomes.filter(
            (o) =>
              o.message.set === set &&
              (split === "all" || o.message.split === split) &&
              (locale === "all" || o.message.locale === locale),
          );
          if (subset.length)
            console.log(evalLib.formatFigures(`${set} · ${split} · ${locale}`, evalLib.figures(subset)));
        }
      }
    }
  };

  const outcomes: Outcomes = [];
  const withModel: Outcomes = [];
  let retrievalMs = 0;
  let modelMs = 0;
  for (const set of SETS) {
    const messages = evalLib.loadMessages(set);
    let started = performance.now();
    outcomes.push(...(await evalLib.runEval(shops.get(set)!, messages)));
    retrievalMs += performance.now() - started;
    // Mode 2: the same set on a second shop with the same articles and the stand-in model on.
    const modelShopId = await evalLib.seedEvalShop(`answers-eval-${set}-llm.myshopify.com`, {}, set);
    modelShops.push(modelShopId);
    await evalLib.enableStandInModel(modelShopId, standIn.url);
    started = performance.now();
    withModel.push(...(await evalLib.runEval(modelShopId, messages)));
    modelMs += performance.now() - started;
  }
  printTable("retrieval only (no LLM), real PostgreSQL", outcomes);
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
      `${(retrievalMs / outcomes.length).toFixed(1)} ms/message retrieval only, ${(modelMs / outcomes.length).toFixed(1)} ms/message with the stand-in`,
  );

  const misses = outcomes.filter((o) => {
    const e = o.message.expected;
    const d = o.decision;
    if (e.kind === "answer") return d.kind !== "answer" || !evalLib.isExpectedArticle(e, o.answeredTitle);
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
        `  [${o.message.set} ${o.message.split} ${o.message.locale}] ${o.message.text}\n      expected ${JSON.stringify(o.message.expected)} · got ${got}`,
      );
    }
  }
  const { disconnectDb } = await import("../app/db/client.server");
  const { closeLlmBudget, tokenBudgetKey } = await import("../app/llm/budget.server");
  const { createRedisConnection } = await import("../app/jobs/connection.server");
  const redis = createRedisConnection();
  for (const shopId of modelShops) await redis.del(tokenBudgetKey(shopId));
  await redis.quit();
  await closeLlmBudget();
  await disconnectDb();
} finally {
  await standIn.close();
  await database.drop();
}
