// `npm run bench:intake-embedded`: webhook intake on the embedded default (PGlite, web and workers
// in one process, as `npm run demo` runs them) while the same process works off what it received.
// A burst of BENCH_BURST signed orders at 64 in flight, then a steady BENCH_STEADY_RATE/s for
// BENCH_STEADY_MS while the backlog drains; beside a bare HMAC server measured in the same run.
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deleteRedisKeysWithPrefix } from "../tests/support/redis-cleanup";
import { seedOrderConfirmationShop } from "./lib/order-confirmation-shop";
import { orderPayloadTemplate } from "./lib/order-webhook-payload";
import { runJson, startServer } from "./lib/processes";

const SECRET = "bench-secret";
const SHOP = "bench-embedded.myshopify.com";
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const WARMUP = 200;
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 200);
const STEADY_MS = Number(process.env.BENCH_STEADY_MS ?? 10_000);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_MS ?? 600_000);
const TARGET_P99_MS = 250;

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

if (!existsSync("build/server/index.js")) {
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "ignore" });
}

const pgliteDir = mkdtempSync(join(tmpdir(), "threadline-bench-pglite-"));
const prefix = `bench-embedded-${Date.now()}`;
const payloadTemplate = orderPayloadTemplate();

const { startFakeTwilio } = await import("../tests/fakes/twilio");
const twilio = await startFakeTwilio();
const appEnv: Record<string, string> = {
  NODE_ENV: "production",
  ENCRYPTION_KEY: "b".repeat(64),
  // No DATABASE_URL: the embedded default, PGlite in this folder.
  DATABASE_URL: "",
  PGLITE_DIR: pgliteDir,
  QUEUE_PREFIX: prefix,
  SHOPIFY_API_SECRET: SECRET,
  SHOPIFY_APP_URL: "http://127.0.0.1:1",
  TWILIO_API_BASE_URL: twilio.url,
  // The bench reads the app's URL and readiness from its info lines.
  LOG_LEVEL: "info",
  PORT: "0",
  HOST: "127.0.0.1",
};
Object.assign(process.env, appEnv, { LOG_LEVEL: "warn" });

// PGlite opens a folder in one process only: migrate and seed here, close, then start the app on it.
{
  const { migrateDatabase } = await import("../app/db/migrate.server");
  const { disconnectDb } = await import("../app/db/client.server");
  await migrateDatabase();
  await seedOrderConfirmationShop(SHOP);
  await disconnectDb();
}

function load(url: string, extra: Record<string, unknown>) {
  return runJson<LoadResult>("bench/lib/load-generator.ts", {
    LOAD_SPEC: JSON.stringify({
      url,
      secret: SECRET,
      shopDomain: SHOP,
      topic: "orders/create",
      payloadTemplate,
      concurrency: 64,
      rate: STEADY_RATE,
      durationMs: STEADY_MS,
      ...extra,
    }),
  });
}

/** Warm-up, burst, then steady load straight after it; each run's orders are distinct. */
async function burstThenSteady(url: string, onBurstStart = () => {}) {
  await load(url, { mode: "max", count: WARMUP, firstSequence: 0 });
  onBurstStart();
  const burst = await load(url, { mode: "max", count: BURST, firstSequence: WARMUP });
  const steady = await load(url, { mode: "steady", firstSequence: WARMUP + BURST });
  return { burst, steady };
}

const bare = await startServer("bench/lib/bare-hmac-server.ts", { SHOPIFY_API_SECRET: SECRET }, /listening (\S+)/);
const bareIntake = await burstThenSteady(bare.match[1]);
await bare.stop();

const app = await startServer("server/start.ts", appEnv, /threadline ready/);
const appUrl = app.match.input!.match(/"url":"([^"]+)"/)![1];
// BENCH_APP_LOG=<file>: the app's log lines (warnings and errors) kept there, to see why a drain stalls.
if (process.env.BENCH_APP_LOG) {
  const log = createWriteStream(process.env.BENCH_APP_LOG);
  app.child.stdout!.on("data", (chunk: Buffer) => log.write(chunk));
}
let burstStarted = 0;
const appIntake = await burstThenSteady(`${appUrl}/webhooks`, () => (burstStarted = performance.now()));
const steadyEnded = performance.now();
const sentDuringLoad = twilio.messages.length;

// Every order sends one SMS: the backlog is drained once the stand-in has them all.
const expected = WARMUP + BURST + Math.round((STEADY_RATE * STEADY_MS) / 1000);
const deadline = Date.now() + DRAIN_TIMEOUT_MS;
let lastCount = -1;
let lastProgressAt = Date.now();
while (twilio.messages.length < expected && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 1000));
  if (twilio.messages.length !== lastCount) [lastCount, lastProgressAt] = [twilio.messages.length, Date.now()];
  // Nothing sent for a minute: something is stuck, and waiting longer would not tell more.
  if (Date.now() - lastProgressAt > 60_000) break;
  if (Math.round((Date.now() - deadline) / 1000) % 10 === 0) console.error(`drain: ${lastCount} of ${expected} sent`);
}
const drainedAt = performance.now();
const sent = twilio.messages.length;
await app.stop();

const drain = {
  messages: sent,
  expected,
  drained: sent >= expected,
  sentDuringLoad,
  perSecondDuringLoad: sentDuringLoad / ((steadyEnded - burstStarted) / 1000),
  secondsFromBurst: (drainedAt - burstStarted) / 1000,
  secondsAfterSteady: (drainedAt - steadyEnded) / 1000,
  perSecond: sent / ((drainedAt - burstStarted) / 1000),
};

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(9);
const verdict = (ok: boolean) => (ok ? "meets target" : "BELOW TARGET");
const burstRatio = bareIntake.burst.perSecond > 0 ? appIntake.burst.perSecond / bareIntake.burst.perSecond : 0;

console.log(`
Threadline · bench:intake-embedded · PGlite, web and workers in one process (as npm run demo), load from a separate process

Burst: ${BURST} signed orders/create webhooks, 64 in flight (keep-alive), the order confirmation flow on
                              threadline   bare HMAC server   ratio
  requests/s               ${fmt(appIntake.burst.perSecond)}   ${fmt(bareIntake.burst.perSecond)}       ${burstRatio.toFixed(2)}
  p50 answer (ms)          ${fmt(appIntake.burst.p50, 1)}   ${fmt(bareIntake.burst.p50, 1)}
  p99 answer (ms)          ${fmt(appIntake.burst.p99, 1)}   ${fmt(bareIntake.burst.p99, 1)}
  errors                   ${fmt(appIntake.burst.errors)}   ${fmt(bareIntake.burst.errors)}

Steady load straight after: ${STEADY_RATE} webhooks/s for ${STEADY_MS / 1000} s, open loop, while the backlog drains
  requests/s               ${fmt(appIntake.steady.perSecond)}   ${fmt(bareIntake.steady.perSecond)}
  p50 answer (ms)          ${fmt(appIntake.steady.p50, 1)}   ${fmt(bareIntake.steady.p50, 1)}
  p99 answer (ms)          ${fmt(appIntake.steady.p99, 1)}   ${fmt(bareIntake.steady.p99, 1)}              target p99 < ${TARGET_P99_MS} ms: ${verdict(appIntake.steady.p99 < TARGET_P99_MS)}
  max answer (ms)          ${fmt(appIntake.steady.max, 1)}   ${fmt(bareIntake.steady.max, 1)}
  errors                   ${fmt(appIntake.steady.errors)}   ${fmt(bareIntake.steady.errors)}

Backlog: ${drain.messages} of ${drain.expected} order confirmations sent${drain.drained ? "" : " (NOT DRAINED before the timeout)"}
  ${drain.sentDuringLoad} while webhooks kept arriving (${drain.perSecondDuringLoad.toFixed(1)} messages/s), the rest after;
  ${drain.secondsFromBurst.toFixed(1)} s from the burst's start, ${drain.secondsAfterSteady.toFixed(1)} s after the steady load ended: ${drain.perSecond.toFixed(1)} messages/s

What it means: the embedded default answers Shopify while it works off orders in the same process;
the p99 under steady load is what Shopify's 5-second timeout sees while a backlog drains.
`);

mkdirSync("bench/results", { recursive: true });
writeFileSync(
  `bench/results/intake-embedded-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  JSON.stringify({ bareIntake, appIntake, drain }, null, 2),
);
await twilio.close();
await deleteRedisKeysWithPrefix(prefix);
rmSync(pgliteDir, { recursive: true, force: true });
process.exit(0);
