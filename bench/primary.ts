// `npm run bench:primary`: how many orders/s one PostgreSQL primary carries
// when the workers run on other machines. Measures with pgbench what this
// primary sustains (TPC-B-like, batch statements shaped like the hot path,
// tiny commits, one hot row), reads the per-order work from
// bench/dispatch-profile.ts (or from env), and divides. Everything runs in a
// throwaway database that is dropped at the end.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { measureDispatchProfile, type ProfileFigures } from "./lib/dispatch-profile-figures";
import { fsyncOpsPerSecond, pgbench, pgbenchInit, type Connection, type PgbenchResult } from "./lib/pgbench";
import { fmt, mixedRate, primaryCapacity } from "./lib/primary-capacity";
import {
  hotRowScript,
  insertBatchScript,
  receiptPayload,
  schemaSql,
  selectBatchScript,
  tinyCommitScript,
  updateBatchScript,
} from "./lib/primary-workloads";
import { measureRedisJobCost } from "./lib/redis-job-cost";

const env = process.env;
const SECONDS = Number(env.PRIMARY_SECONDS ?? 10);
const CLIENTS = (env.PRIMARY_CLIENTS ?? "8,32,64").split(",").map(Number);
const THREADS = Number(env.PRIMARY_THREADS ?? 2);
const BATCH_ROWS = Number(env.BATCH_ROWS ?? 20);
// The receipt INSERT passes 5 pgbench variables per row; pgbench allows 255 per statement.
if (BATCH_ROWS * 5 > 255) throw new Error("BATCH_ROWS must be 51 or less (pgbench allows 255 parameters)");
const PAYLOAD_BYTES = Number(env.PAYLOAD_BYTES ?? 2048);
const SCALE = Number(env.PGBENCH_SCALE ?? 16);
/** Orders per batch of the hot path; passed to dispatch-profile as PROFILE_BATCH. 1 = one order per job (the path before issue 14). */
const ORDERS_PER_BATCH = Number(env.ORDERS_PER_BATCH ?? 20);
const JOBS_PER_ORDER = Number(env.JOBS_PER_ORDER ?? 3);
const REDIS_JOBS = Number(env.REDIS_JOBS ?? 20_000);
const REDIS_URL = env.REDIS_URL ?? "redis://127.0.0.1:6379";
const admin: Connection = {
  host: env.PGHOST ?? "127.0.0.1",
  port: env.PGPORT ?? "5432",
  user: env.PGUSER ?? "postgres",
  database: env.PGDATABASE ?? "test",
};
const urlOf = (c: Connection) => `postgres://${c.user}@${c.host}:${c.port}/${c.database}`;
const bench: Connection = { ...admin, database: `threadline_primary_${process.pid}` };

async function sql<T extends pg.QueryResultRow>(c: Connection, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlOf(c) });
  await client.connect();
  try {
    const result = await client.query<T>(text);
    return Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows;
  } finally {
    await client.end();
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const work = mkdtempSync(join(tmpdir(), "bench-primary-"));
const script = (name: string, text: string) => {
  const file = join(work, `${name}.sql`);
  writeFileSync(file, text);
  return { file };
};

// Leave room for the other sessions on this PostgreSQL (max_connections is shared).
const [{ max, used }] = await sql<{ max: number; used: number }>(
  admin,
  "SELECT current_setting('max_connections')::int AS max, (SELECT count(*) FROM pg_stat_activity)::int AS used",
);
const room = max - used - 10;
const clients = CLIENTS.filter((c) => c <= room);
if (clients.length < CLIENTS.length)
  console.log(`(only ${room} connections free: client counts ${clients.join(", ")})`);

await sql(admin, `CREATE DATABASE "${bench.database}"`);
try {
  console.log(
    `bench:primary — PostgreSQL ${(await sql<{ v: string }>(bench, "SELECT current_setting('server_version') AS v"))[0].v} at ${bench.host}:${bench.port}, ` +
      `database ${bench.database} (dropped at the end); pgbench -M extended -j ${THREADS}, ${SECONDS} s per run. ` +
      `pgbench, PostgreSQL and this script share the machine's 2 cores (and other sessions' work).\n`,
  );
  await pgbenchInit(bench, SCALE);
  await sql(bench, schemaSql(Math.max(...clients)));
  await sql(bench, "VACUUM ANALYZE");
  const payload = receiptPayload(PAYLOAD_BYTES);

  const workloads = [
    { name: "TPC-B-like (reference)", kind: "tpcb", workload: { builtin: "tpcb-like" }, statements: 6, rows: 0 },
    {
      name: `INSERT ${BATCH_ROWS} receipts (${JSON.stringify(JSON.parse(payload)).length} B jsonb) ON CONFLICT DO NOTHING`,
      kind: "insert",
      workload: script("insert", insertBatchScript(BATCH_ROWS, payload)),
      statements: 2,
      rows: BATCH_ROWS,
    },
    {
      name: `UPDATE ${BATCH_ROWS} messages WHERE id = ANY`,
      kind: "update",
      workload: script("update", updateBatchScript(BATCH_ROWS)),
      statements: 2,
      rows: BATCH_ROWS,
    },
    {
      name: `SELECT ${BATCH_ROWS} messages WHERE id = ANY`,
      kind: "select",
      workload: script("select", selectBatchScript(BATCH_ROWS)),
      statements: 2,
      rows: BATCH_ROWS,
    },
    {
      name: "tiny autocommit INSERT (1 row)",
      kind: "commit",
      workload: script("commit", tinyCommitScript),
      statements: 1,
      rows: 1,
    },
  ] as const;

  console.log(
    `statements counted as dispatch-profile counts them: COMMIT counts, BEGIN does not (TPC-B-like = 6 per transaction, batch = 2)\n`,
  );
  console.log(
    `${"workload".padEnd(58)} ${pad("clients", 7)} ${pad("tx/s", 8)} ${pad("stmts/s", 8)} ${pad("rows/s", 9)} ${pad("latency", 9)} failed`,
  );
  const best: Record<string, { result: PgbenchResult; statements: number; rows: number }> = {};
  for (const w of workloads) {
    for (const c of clients) {
      const result = await pgbench(bench, w.workload, { clients: c, threads: THREADS, seconds: SECONDS });
      console.log(
        `${w.name.slice(0, 58).padEnd(58)} ${pad(c, 7)} ${pad(fmt(result.tps), 8)} ${pad(fmt(result.tps * w.statements), 8)} ${pad(w.rows ? fmt(result.tps * w.rows) : "", 9)} ${pad(result.latencyMs.toFixed(1) + " ms", 9)} ${result.failed}`,
      );
      if (!best[w.kind] || result.tps > best[w.kind].result.tps)
        best[w.kind] = { result, statements: w.statements, rows: w.rows };
    }
  }
  const hotClients = clients.includes(32) ? 32 : clients.at(-1)!;
  const hot = await pgbench(bench, script("hot", hotRowScript), {
    clients: hotClients,
    threads: THREADS,
    seconds: SECONDS,
  });
  console.log(
    `${"UPDATE one hot row (a per-shop counter)".padEnd(58)} ${pad(hotClients, 7)} ${pad(fmt(hot.tps), 8)} ${pad(fmt(hot.tps * 2), 8)} ${pad(fmt(hot.tps), 9)} ${pad(hot.latencyMs.toFixed(1) + " ms", 9)} ${hot.failed}`,
  );

  const [{ dir }] = await sql<{ dir: string }>(admin, "SELECT current_setting('data_directory') AS dir");
  const fsyncFile = env.FSYNC_TEST_FILE ?? join(work, "fsync.test");
  const sameDevice = (() => {
    try {
      return statSync(dir).dev === statSync(work).dev;
    } catch {
      return null;
    }
  })();
  const fsync = await fsyncOpsPerSecond(fsyncFile);

  const rate = (kind: string) => best[kind].result.tps * best[kind].statements;
  const rowRate = (kind: string) => best[kind].result.tps * best[kind].rows;
  const sustained = {
    singleRowStatementsPerSecond: rate("tpcb"),
    batchStatementsPerSecond: mixedRate(["insert", "update", "select"].map(rate)),
    batchRowsPerSecond: mixedRate(["insert", "update", "select"].map(rowRate)),
    commitsPerSecond: best.commit.result.tps,
  };

  console.log(`\nwhat this primary sustains (best client count):`);
  console.log(
    `  single-row statements  ${pad(fmt(sustained.singleRowStatementsPerSecond), 8)}/s  (TPC-B-like, ${best.tpcb.result.clients} clients, scale ${SCALE})`,
  );
  console.log(
    `  batch statements       ${pad(fmt(sustained.batchStatementsPerSecond), 8)}/s  (equal mix of INSERT/UPDATE/SELECT of ${BATCH_ROWS} rows) = ${fmt(sustained.batchRowsPerSecond)} rows/s`,
  );
  console.log(
    `  commits                ${pad(fmt(sustained.commitsPerSecond), 8)}/s  (tiny autocommit INSERTs, ${best.commit.result.clients} clients; group commit shares each WAL flush)`,
  );
  console.log(
    `    baseline: one fdatasync of 8 kB ${fsync === null ? "(pg_test_fsync not found)" : `${fmt(fsync)}/s`} (pg_test_fsync on ${fsyncFile}${sameDevice === false ? ", NOT the WAL's device" : sameDevice ? ", the WAL's device" : ""}): commits/s above it are group commit at work`,
  );
  console.log(
    `  one hot row            ${pad(fmt(hot.tps), 8)} updates/s (${hotClients} clients on one row: each waits for the previous holder's commit)`,
  );

  // Per-order work: env first (to recompute after the hot path changes), else measured.
  let profile: ProfileFigures | null = null;
  const given = env.PROFILE_STATEMENTS_PER_ORDER && env.ROWS_PER_ORDER && env.PROFILE_COMMITS_PER_ORDER;
  if (!given) {
    console.log(`\nrunning bench/dispatch-profile.ts twice in ${bench.database} (per-order figures by difference)…`);
    profile = await measureDispatchProfile({
      adminUrl: urlOf(admin),
      database: bench.database,
      databaseUrl: urlOf(bench),
      orders: Number(env.PROFILE_ORDERS ?? 200),
      ordersPerBatch: ORDERS_PER_BATCH,
    });
  }
  const perOrder = {
    statements: Number(env.PROFILE_STATEMENTS_PER_ORDER ?? profile!.statementsPerOrder),
    writeCommits: Number(env.PROFILE_COMMITS_PER_ORDER ?? profile!.writeCommitsPerOrder),
    rowsWritten: Number(env.ROWS_PER_ORDER ?? profile!.rowsWrittenPerOrder),
    ordersPerBatch: ORDERS_PER_BATCH,
  };
  console.log(
    `\nper order (${profile ? `dispatch-profile, ${profile.orders} orders` : "from env"}; ORDERS_PER_BATCH=${ORDERS_PER_BATCH}):`,
  );
  console.log(
    `  SQL statements       ${perOrder.statements.toFixed(1)}${env.PROFILE_STATEMENTS_PER_ORDER ? " (PROFILE_STATEMENTS_PER_ORDER)" : ` (all the profile process sent but BEGIN, counted at the pg driver: receipt insert and the profile's own look-ups included); dispatch-profile itself prints ${profile!.profileStatementsPerOrder}`}`,
  );
  console.log(
    `  write commits        ${perOrder.writeCommits.toFixed(1)}${env.PROFILE_COMMITS_PER_ORDER ? " (PROFILE_COMMITS_PER_ORDER)" : " (counted at the pg driver: transactions that wrote, explicit or autocommit; the receipt's own insert included, which intake group-commits)"}`,
  );
  console.log(
    `  rows written         ${perOrder.rowsWritten.toFixed(1)}${env.ROWS_PER_ORDER ? " (ROWS_PER_ORDER)" : " (inserted + updated + deleted, receipt included)"}`,
  );
  if (profile) {
    console.log(
      `  all commits          ${profile.commitsPerOrder.toFixed(1)} (pg_stat_database: read-only ones too, and the profile's own look-ups if any)`,
    );
    console.log(`  app CPU              ${profile.cpuMsPerOrder.toFixed(1)} ms (the worker's, not PostgreSQL's)`);
  }

  const { bounds, binding } = primaryCapacity(sustained, perOrder);
  console.log(`\none primary carries:`);
  for (const b of bounds)
    console.log(`  ≈ ${pad(fmt(b.ordersPerSecond), 6)} orders/s by ${b.name.padEnd(10)} (${b.formula})`);
  console.log(
    `  the lower one binds: ≈ ${fmt(binding.ordersPerSecond)} orders/s by ${binding.name} (${fmt(binding.ordersPerSecond * 3600)} an hour) — on these 2 cores with pgbench itself on them; the statement and row bounds are CPU and grow with the primary's cores, the commit bound follows the disk's flush time`,
  );
  if (profile) {
    const workerOrders = 1000 / profile.cpuMsPerOrder;
    console.log(
      `  for scale: one worker core does ≈ ${fmt(workerOrders)} orders/s at ${profile.cpuMsPerOrder.toFixed(1)} ms CPU each, so ≈ ${Math.ceil(binding.ordersPerSecond / workerOrders)} worker cores fill this primary`,
    );
  }

  const redis = await measureRedisJobCost(REDIS_URL, REDIS_JOBS);
  console.log(`\nRedis (BullMQ, the app's job options, no-op worker, ${fmt(redis.jobs)} jobs):`);
  console.log(
    `  Redis main-thread CPU ${redis.redisCpuMsPerJob.toFixed(3)} ms per job (${redis.commandsPerJob.toFixed(1)} commands, Lua's inner calls included) → ceiling ≈ ${fmt(redis.ceilingJobsPerSecond)} jobs/s on its one thread`,
  );
  console.log(
    `    baseline: ${fmt(redis.observedJobsPerSecond)} jobs/s reached here with the worker on the same 2 cores`,
  );
  console.log(
    `  at ${JOBS_PER_ORDER} jobs per order (JOBS_PER_ORDER) ≈ ${fmt(redis.ceilingJobsPerSecond / JOBS_PER_ORDER)} orders/s per Redis`,
  );
  const raw = await redisBenchmark();
  if (raw) console.log(`    baseline: redis-benchmark ${raw}`);
} finally {
  await sql(admin, `DROP DATABASE IF EXISTS "${bench.database}" WITH (FORCE)`);
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);

async function redisBenchmark(): Promise<string | null> {
  try {
    const url = new URL(REDIS_URL);
    const { stdout } = await promisify(execFile)("redis-benchmark", [
      "-h",
      url.hostname,
      "-p",
      url.port || "6379",
      "-q",
      "-n",
      "100000",
      "-c",
      "50",
      "-t",
      "set,incr,lpush",
    ]);
    return stdout
      .split(/\r|\n/)
      .filter((line) => /requests per second/.test(line))
      .map((line) => line.replace(/\s*requests per second.*$/, "/s").trim())
      .join(", ");
  } catch {
    return null;
  }
}
