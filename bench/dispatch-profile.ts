// `npm run bench:dispatch-profile`: what one order's dispatch costs in database statements, Redis
// commands and app CPU. Records PROFILE_ORDERS receipts and runs them through the webhook job's
// batch processor (app/dispatch/: ingest, due-now steps and sends in one job) PROFILE_BATCH at a
// time, in this process, against real PostgreSQL (PROFILE_DB=pglite: the embedded default), Redis
// and the Twilio stand-in (in a process of its own, so the CPU figure is the app's alone).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { createTestSchema } from "../tests/support/test-database";
import { seedOrderConfirmationShop } from "./lib/order-confirmation-shop";

const ORDERS = Number(process.env.PROFILE_ORDERS ?? 200);
const SHOP = "bench-profile.myshopify.com";
/** PROFILE_SQL=1: count each statement's text, not just its verb. */
const SHOW_SQL = process.env.PROFILE_SQL === "1";
/** PROFILE_TRACE=1: also print the last order's statements in the order they ran. */
const TRACE = process.env.PROFILE_TRACE === "1";

/** PROFILE_DB=pglite: the embedded default (a fresh PGlite directory) instead of PostgreSQL. */
const ON_PGLITE = process.env.PROFILE_DB === "pglite";
const pgliteDir = mkdtempSync(join(tmpdir(), "threadline-profile-"));
const database = ON_PGLITE
  ? { url: "", schema: "pglite", drop: async () => rmSync(pgliteDir, { recursive: true, force: true }) }
  : await createTestSchema("dispatch_profile");
const { startServer } = await import("./lib/processes");
const standIn = await startServer("bench/lib/twilio-stand-in.ts", {}, /listening (\S+) count (\S+)/);
const twilio = { url: standIn.match[1], close: () => standIn.stop() };
Object.assign(process.env, {
  NODE_ENV: "test",
  ENCRYPTION_KEY: "c".repeat(64),
  DATABASE_URL: database.url,
  PGLITE_DIR: pgliteDir,
  QUEUE_PREFIX: `profile-${database.schema}`,
  LOG_LEVEL: "warn",
  SHOPIFY_APP_URL: "http://127.0.0.1:1",
  TWILIO_API_BASE_URL: twilio.url,
});

type Stage = "batch" | "other";
let stage: Stage = "other";
const statements: Record<Stage, Map<string, number>> = { batch: new Map(), other: new Map() };
const redisCommands: Record<Stage, number> = { batch: 0, other: 0 };
const cpuMs: Record<Stage, number> = { batch: 0, other: 0 };

// Every Redis command the app sends, by stage.
const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, ...args: Parameters<typeof sendCommand>) {
  redisCommands[stage]++;
  return sendCommand.apply(this, args);
};

// Replace the process-wide client with one that reports every statement.
const { PrismaClient } = await import("../app/generated/prisma/client");
const { createAdapterFactory, describeDatabase } = await import("../app/db/client.server");
if (ON_PGLITE) {
  const { migrateDatabase } = await import("../app/db/migrate.server");
  await migrateDatabase();
}
const client = new PrismaClient({
  adapter: createAdapterFactory(describeDatabase()),
  log: [{ emit: "event", level: "query" }],
});
// Statements as logged, without the per-run schema name; BEGIN is not logged (COMMIT is).
const sqlText = (query: string) => query.replace(/"t_[a-z0-9_]+"\./g, "").replace(/\s+/g, " ");
const trace: string[] = [];
client.$on("query", (event) => {
  if (TRACE && stage !== "other") trace.push(`${stage} ${sqlText(event.query).slice(0, 230)}`);
  const key = SHOW_SQL ? sqlText(event.query).slice(0, 160) : event.query.split(/\s+/)[0].toUpperCase();
  statements[stage].set(key, (statements[stage].get(key) ?? 0) + 1);
});
(globalThis as unknown as { threadlineDb: unknown }).threadlineDb = client;

const { db, disconnectDb } = await import("../app/db/client.server");
const { recordReceipt } = await import("../app/webhooks/receipt-writer.server");
const { closeQueues } = await import("../app/jobs/enqueue.server");

const { flowId } = await seedOrderConfirmationShop(SHOP);

const order = JSON.parse(readFileSync("tests/fixtures/webhooks/orders-create.json", "utf8"));
function payloadFor(n: number) {
  const phone = `+1415555${String(n % 10_000).padStart(4, "0")}`;
  const email = `profile${n}@example.com`;
  return {
    ...order,
    id: 1_000_000 + n,
    name: `#P${n}`,
    email,
    phone,
    checkout_token: null,
    customer: { ...order.customer, id: 2_000_000 + n, email, phone },
  };
}

async function measured<T>(name: Stage, work: () => Promise<T>): Promise<T> {
  stage = name;
  const before = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(before);
    cpuMs[name] += (used.user + used.system) / 1000;
    stage = "other";
  }
}

/** PROFILE_BATCH: orders per batch, as the webhook worker groups the jobs running together (1 = one at a time). */
const BATCH = Number(process.env.PROFILE_BATCH ?? 50);
const { processReceiptBatch } = await import("../app/dispatch/process-receipt-batch.server");
for (let first = 1; first <= ORDERS; first += BATCH) {
  const receiptIds: string[] = [];
  for (let n = first; n < first + BATCH && n <= ORDERS; n++) {
    const { receiptId } = await recordReceipt({
      shopDomain: SHOP,
      topic: "orders/create",
      eventId: randomUUID(),
      webhookId: randomUUID(),
      apiVersion: "2026-10",
      triggeredAt: new Date(),
      payloadJson: JSON.stringify(payloadFor(n)),
    });
    receiptIds.push(receiptId!);
  }
  await measured("batch", () => processReceiptBatch(receiptIds));
}
if (TRACE) console.log(trace.slice(-Math.round(trace.length / ORDERS)).join("\n"));
const sent = await db().message.count({ where: { flowId, providerMessageId: { not: null } } });

console.log(`\ndispatch profile: ${ORDERS} orders, ${sent} sent; per order:\n`);
let totalSql = 0;
let totalRedis = 0;
let totalCpu = 0;
for (const name of ["batch"] as const) {
  const all = [...statements[name].entries()].sort((a, b) => b[1] - a[1]);
  const count = all.reduce((sum, [, n]) => sum + n, 0);
  totalSql += count;
  totalRedis += redisCommands[name];
  totalCpu += cpuMs[name];
  console.log(
    `${name.padEnd(7)} SQL ${(count / ORDERS).toFixed(1).padStart(5)}   Redis ${(redisCommands[name] / ORDERS).toFixed(1).padStart(4)}   CPU ${(cpuMs[name] / ORDERS).toFixed(2).padStart(6)} ms`,
  );
  for (const [sql, n] of all) console.log(`          ${(n / ORDERS).toFixed(1).padStart(5)}  ${sql}`);
}
console.log(
  `total   SQL ${(totalSql / ORDERS).toFixed(1).padStart(5)}   Redis ${(totalRedis / ORDERS).toFixed(1).padStart(4)}   CPU ${(totalCpu / ORDERS).toFixed(2).padStart(6)} ms (this process only: the app's CPU; the Twilio stand-in's and PostgreSQL's are not included)\n`,
);

await closeQueues();
await twilio.close();
await disconnectDb();
await database.drop();
process.exit(0);
