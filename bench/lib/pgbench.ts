// Runs /usr/bin/pgbench and reads the figures it prints, so bench/primary.ts
// can compare the app's per-order work with what this PostgreSQL sustains.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export const PGBENCH = process.env.PGBENCH ?? "/usr/bin/pgbench";

export type Connection = { host: string; port: string; user: string; database: string };

export type PgbenchResult = {
  clients: number;
  tps: number;
  latencyMs: number;
  transactions: number;
  failed: number;
};

function connectionArgs(c: Connection): string[] {
  return ["-h", c.host, "-p", c.port, "-U", c.user, c.database];
}

export async function pgbenchInit(c: Connection, scale: number): Promise<void> {
  // Server-side data generation (G) keeps the pgbench client off the 2 cores.
  await run(PGBENCH, ["-i", "-q", "-I", "dtGvp", "-s", String(scale), ...connectionArgs(c)], {
    maxBuffer: 16 << 20,
  });
}

export type Workload = { builtin: string } | { file: string };

export async function pgbench(
  c: Connection,
  workload: Workload,
  options: { clients: number; threads: number; seconds: number },
): Promise<PgbenchResult> {
  const args = [
    ...("builtin" in workload ? ["-b", workload.builtin] : ["-n", "-f", workload.file]),
    "-M",
    // Extended protocol with unnamed statements: what node-postgres (and so Prisma's adapter) sends.
    "extended",
    "-c",
    String(options.clients),
    "-j",
    String(Math.min(options.threads, options.clients)),
    "-T",
    String(options.seconds),
    // A deadlock or serialization failure is retried, as the app's transactions are.
    "--max-tries=5",
    ...connectionArgs(c),
  ];
  const { stdout } = await run(PGBENCH, args, { maxBuffer: 16 << 20 });
  return { clients: options.clients, ...parsePgbench(stdout) };
}

export function parsePgbench(stdout: string): Omit<PgbenchResult, "clients"> {
  const number = (pattern: RegExp) => {
    const match = stdout.match(pattern);
    if (!match) throw new Error(`pgbench output has no ${pattern}:\n${stdout}`);
    return Number(match[1]);
  };
  return {
    tps: number(/tps = ([\d.]+) \(without initial connection time\)/),
    latencyMs: number(/latency average = ([\d.]+) ms/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: stdout.match(/number of failed transactions: (\d+)/) ? number(/number of failed transactions: (\d+)/) : 0,
  };
}

/** fdatasync of one 8 kB write, ops/s, on the filesystem given (the one holding the WAL). */
export async function fsyncOpsPerSecond(file: string): Promise<number | null> {
  try {
    const bin = process.env.PG_TEST_FSYNC ?? `${(await run("pg_config", ["--bindir"])).stdout.trim()}/pg_test_fsync`;
    const { stdout } = await run(bin, ["-s", "1", "-f", file], { maxBuffer: 1 << 20 });
    const section = stdout.split("Compare file sync methods using one 8kB write")[1] ?? "";
    const match = section.match(/fdatasync\s+([\d.,]+) ops\/sec/);
    return match ? Number(match[1].replace(/,/g, "")) : null;
  } catch {
    return null;
  }
}
