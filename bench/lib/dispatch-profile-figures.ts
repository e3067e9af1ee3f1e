// Per-order database work of the real dispatch path: bench/dispatch-profile.ts
// runs with a counter at the pg driver (bench/lib/count-pg-statements.mjs) in a
// database of its own, so PostgreSQL's per-database counters see only it.
//
// The profile runs twice, with few and with many orders; the difference
// between the two runs, divided by the difference in orders, leaves out schema
// creation, migrations and seeding.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { TSX } from "./processes";

export type ProfileFigures = {
  orders: number;
  ordersPerBatch: number;
  /** As dispatch-profile prints it (Prisma's query log: COMMIT counts, BEGIN does not). */
  profileStatementsPerOrder: number;
  /** Every statement the driver sent except BEGIN, raw pg queries included. */
  statementsPerOrder: number;
  cpuMsPerOrder: number;
  /** Transactions that wrote, explicit or autocommit: each waits for a WAL flush. */
  writeCommitsPerOrder: number;
  /** Every commit, read-only ones included (from pg_stat_database). */
  commitsPerOrder: number;
  rowsWrittenPerOrder: number;
};

type Counts = { statements: number; begins: number; writeCommits: number; autocommitWrites: number };
type Counters = Counts & { commits: number; rows: number };

async function databaseCounters(adminUrl: string, database: string): Promise<{ commits: number; rows: number }> {
  // A new connection each time: a session caches its view of the statistics.
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT xact_commit AS commits, tup_inserted + tup_updated + tup_deleted AS rows
       FROM pg_stat_database WHERE datname = $1`,
      [database],
    );
    return { commits: Number(rows[0].commits), rows: Number(rows[0].rows) };
  } finally {
    await client.end();
  }
}

async function runProfile(
  orders: number,
  batch: number,
  databaseUrl: string,
  adminUrl: string,
  database: string,
): Promise<{ out: string; counters: Counters }> {
  const countDir = mkdtempSync(join(tmpdir(), "pg-counts-"));
  const before = await databaseCounters(adminUrl, database);
  const out = await new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, [...TSX, "bench/dispatch-profile.ts"], {
      env: {
        ...process.env,
        PROFILE_ORDERS: String(orders),
        PROFILE_BATCH: String(batch),
        TEST_DATABASE_URL: databaseUrl,
        PG_COUNT_DIR: countDir,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${resolve("bench/lib/count-pg-statements.mjs")}`,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.on("exit", (code) => (code === 0 ? done(text) : fail(new Error(`dispatch-profile exited ${code}\n${text}`))));
  });
  // Statistics reach pg_stat_database when the profile's connections close; give the flush a moment.
  await new Promise((r) => setTimeout(r, 1500));
  const after = await databaseCounters(adminUrl, database);
  const counts: Counts = { statements: 0, begins: 0, writeCommits: 0, autocommitWrites: 0 };
  for (const file of readdirSync(countDir)) {
    const c = JSON.parse(readFileSync(join(countDir, file), "utf8")) as Counts;
    for (const key of Object.keys(counts) as (keyof Counts)[]) counts[key] += c[key];
  }
  rmSync(countDir, { recursive: true, force: true });
  return { out, counters: { ...counts, commits: after.commits - before.commits, rows: after.rows - before.rows } };
}

export function parseProfileTotals(out: string): { statements: number; cpuMs: number } {
  const match = out.match(/^total\s+SQL\s+([\d.]+)\s+Redis\s+[\d.]+\s+CPU\s+([\d.]+) ms/m);
  if (!match) throw new Error(`dispatch-profile printed no total line:\n${out}`);
  return { statements: Number(match[1]), cpuMs: Number(match[2]) };
}

export async function measureDispatchProfile(options: {
  adminUrl: string;
  database: string;
  databaseUrl: string;
  orders: number;
  ordersPerBatch: number;
}): Promise<ProfileFigures> {
  const few = Math.max(options.ordersPerBatch, Math.round(options.orders / 5));
  const many = few + options.orders;
  const run = (n: number) =>
    runProfile(n, options.ordersPerBatch, options.databaseUrl, options.adminUrl, options.database);
  const small = await run(few);
  const large = await run(many);
  const perOrder = (key: keyof Counters) => (large.counters[key] - small.counters[key]) / options.orders;
  const totals = parseProfileTotals(large.out);
  return {
    orders: options.orders,
    ordersPerBatch: options.ordersPerBatch,
    profileStatementsPerOrder: totals.statements,
    statementsPerOrder: perOrder("statements") - perOrder("begins"),
    cpuMsPerOrder: totals.cpuMs,
    writeCommitsPerOrder: perOrder("writeCommits") + perOrder("autocommitWrites"),
    commitsPerOrder: perOrder("commits"),
    rowsWrittenPerOrder: perOrder("rows"),
  };
}
