// `npm run eval:answers`: the labelled set in tests/fixtures/answers/ through decideAnswer in
// retrieval-only mode (no LLM), on a fresh PostgreSQL schema, printed per locale and per split
// (tuning / held-out). `-- --fit` refits the confidence model on the tuning split only and
// prints coefficients and the threshold to paste into app/knowledge/confidence-model.ts.
import { createTestSchema } from "../tests/support/test-database";

const FIT = process.argv.includes("--fit");
const VERBOSE = process.argv.includes("--verbose");

const database = await createTestSchema("eval_answers");
Object.assign(process.env, {
  NODE_ENV: "test",
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? "b".repeat(64),
  DATABASE_URL: database.url,
  LOG_LEVEL: "warn",
});

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

  const outcomes = await evalLib.runEval(shopId, messages);
  console.log("\nThreadline · eval:answers · retrieval only (no LLM), real PostgreSQL\n");
  console.log(evalLib.FIGURES_HEADER);
  for (const split of ["tuning", "held-out", "all"] as const) {
    for (const locale of ["en", "es", "fr", "all"] as const) {
      const subset = outcomes.filter(
        (o) => (split === "all" || o.message.split === split) && (locale === "all" || o.message.locale === locale),
      );
      if (subset.length) console.log(evalLib.formatFigures(`${split} · ${locale}`, evalLib.figures(subset)));
    }
  }
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
  await disconnectDb();
} finally {
  await database.drop();
}
