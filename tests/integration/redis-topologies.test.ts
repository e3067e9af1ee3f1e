// REDIS_URL's Sentinel and Cluster shapes against real servers: a private master watched by a real
// Sentinel (`redis-server --sentinel`), and a one-node Redis Cluster holding every slot (a cluster
// still refuses multi-key commands across slots, so it shows why the prefix needs its hash tag).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { config, resetConfigCache } from "../../app/config.server";
import { assertRedisReachable, createRedisConnection } from "../../app/jobs/connection.server";
import { closeQueues, enqueue, getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import { startWorkers } from "../../app/jobs/worker.server";
import { randomPrivatePort } from "../support/private-redis";

const dir = mkdtempSync(join(tmpdir(), "threadline-redis-"));
const children: ChildProcess[] = [];
const basePort = randomPrivatePort();
const ports = { master: basePort, sentinel: basePort + 1, cluster: basePort + 2 };
const originalRedisUrl = process.env.REDIS_URL;

function redisServer(args: string[]) {
  const child = spawn("redis-server", args, { stdio: "ignore", cwd: dir });
  children.push(child);
}

async function until<T>(probe: () => Promise<T | null | undefined>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ask(port: number, ...command: string[]): Promise<unknown> {
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0 });
  client.on("error", () => {});
  try {
    await client.connect();
    return await client.call(command[0], ...command.slice(1));
  } finally {
    client.disconnect();
  }
}

beforeAll(async () => {
  const plain = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  redisServer(["--port", String(ports.master), ...plain]);
  await until(() => ask(ports.master, "PING"), "the master");
  // Sentinel rewrites its config file, so it gets one of its own.
  const sentinelConf = join(dir, "sentinel.conf");
  writeFileSync(
    sentinelConf,
    [
      `port ${ports.sentinel}`,
      "bind 127.0.0.1",
      `sentinel monitor tlmaster 127.0.0.1 ${ports.master} 1`,
      "sentinel down-after-milliseconds tlmaster 5000",
      "",
    ].join("\n"),
  );
  redisServer([sentinelConf, "--sentinel"]);
  await until(async () => {
    const addr = (await ask(ports.sentinel, "SENTINEL", "get-master-addr-by-name", "tlmaster")) as string[] | null;
    return addr?.[1] === String(ports.master) ? addr : null;
  }, "the Sentinel to know the master");

  redisServer([
    "--port",
    String(ports.cluster),
    ...plain,
    "--cluster-enabled",
    "yes",
    "--cluster-config-file",
    join(dir, `nodes-${ports.cluster}.conf`),
    // Alone, a node does not know its own address and would advertise an empty one.
    "--cluster-announce-ip",
    "127.0.0.1",
  ]);
  await until(() => ask(ports.cluster, "PING"), "the cluster node");
  await ask(ports.cluster, "CLUSTER", "ADDSLOTSRANGE", "0", "16383");
  await until(async () => {
    const info = String(await ask(ports.cluster, "CLUSTER", "INFO"));
    return info.includes("cluster_state:ok") ? info : null;
  }, "the cluster to cover every slot");
}, 60_000);

afterEach(async () => {
  await closeQueues();
  process.env.REDIS_URL = originalRedisUrl;
  resetConfigCache();
});

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** One real job of ours through the app's own queue and worker, on whatever REDIS_URL says. */
async function enqueueAndProcessOne() {
  const workers = await startWorkers({ queues: [QUEUE.maintenance], schedule: false, reconcileOnStart: false });
  try {
    const jobId = await enqueue(JOB.wakeSnoozed, {});
    const queue = getQueue(QUEUE.maintenance);
    // The state first, then the job: read the other way round, the hash could be read just before
    // the worker's finishing script wrote finishedOn and moved the job to completed.
    return await until(async () => {
      if ((await queue.getJobState(jobId)) !== "completed") return null;
      return (await queue.getJob(jobId)) ?? null;
    }, "the job to complete");
  } finally {
    await workers.close();
  }
}

describe("REDIS_URL through Sentinel", () => {
  const url = () => `redis-sentinel://127.0.0.1:${ports.sentinel}/tlmaster`;

  it("GIVEN a Sentinel URL WHEN a job is enqueued THEN the worker finds the master through Sentinel and runs it", async () => {
    process.env.REDIS_URL = url();
    resetConfigCache();
    await assertRedisReachable();
    const job = await enqueueAndProcessOne();
    expect(job.finishedOn).toBeGreaterThan(0);
    // The job's keys are on the master the Sentinel named.
    const keys = (await ask(ports.master, "KEYS", `${config().QUEUE_PREFIX}:${QUEUE.maintenance}:*`)) as string[];
    expect(keys.length).toBeGreaterThan(0);
  });

  it("GIVEN a master name the Sentinel does not know THEN the start-up probe fails with one clear line", async () => {
    await expect(assertRedisReachable(`redis-sentinel://127.0.0.1:${ports.sentinel}/nosuchmaster`)).rejects.toThrow(
      /Redis is not reachable at REDIS_URL=redis-sentinel:\/\/127\.0\.0\.1:\d+\/nosuchmaster/,
    );
  });
});

describe("REDIS_URL on a Redis Cluster", () => {
  const url = () => `redis-cluster://127.0.0.1:${ports.cluster}`;

  it("GIVEN a cluster URL THEN config() tags the prefix and a job is enqueued and processed", async () => {
    const prefix = process.env.QUEUE_PREFIX!;
    process.env.REDIS_URL = url();
    resetConfigCache();
    expect(config().QUEUE_PREFIX).toBe(`{${prefix}}`);
    await assertRedisReachable();
    const job = await enqueueAndProcessOne();
    expect(job.finishedOn).toBeGreaterThan(0);
  });

  it("GIVEN a prefix without a hash tag THEN the cluster refuses BullMQ's scripts (why config() adds the tag)", async () => {
    const connection = createRedisConnection(url());
    const queue = new Queue("untagged", { connection, prefix: `${process.env.QUEUE_PREFIX}-untagged` });
    try {
      await expect(queue.add("x", {})).rejects.toThrow(/CROSSSLOT|same slot/i);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
