// The repeatable jobs (the reconciler among them) live only in Redis. A FLUSHALL while the workers
// run must not leave the app without them until the next restart: the worker process re-asserts
// them every RECONCILE_EVERY_MS. This file runs its own redis-server so the flush touches nothing else.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const privateRedis = vi.hoisted(() => {
  // Below the ephemeral range, as tests/support/private-redis.ts picks them (imports are not ready here).
  const port = 20000 + Math.floor(Math.random() * 12000);
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.RECONCILE_EVERY_MS = "1000";
  return { port };
});

import { resetConfigCache } from "../../app/config.server";
import { closeQueues, getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import { scheduleRepeatableJobs } from "../../app/jobs/schedule.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { startPrivateRedis, type PrivateRedis } from "../support/private-redis";

let redisServer: PrivateRedis;
let workers: WorkerHandle | undefined;

beforeAll(async () => {
  redisServer = await startPrivateRedis(privateRedis.port);
  resetConfigCache();
}, 60_000);

afterAll(async () => {
  await workers?.close();
  await closeQueues();
  redisServer?.stop();
});

async function schedulerIds(): Promise<string[]> {
  const all = await Promise.all([QUEUE.maintenance, QUEUE.segments].map((name) => getQueue(name).getJobSchedulers()));
  return all
    .flat()
    .map((s) => s.key)
    .sort();
}

describe("repeatable jobs after a Redis FLUSHALL", () => {
  it("GIVEN the schedulers exist WHEN they are upserted again THEN the next runs stay where they were", async () => {
    await scheduleRepeatableJobs();
    const queue = getQueue(QUEUE.maintenance);
    const before = (await queue.getDelayed()).map((j) => `${j.id}@${j.timestamp + (j.opts.delay ?? 0)}`).sort();
    await scheduleRepeatableJobs();
    const after = (await queue.getDelayed()).map((j) => `${j.id}@${j.timestamp + (j.opts.delay ?? 0)}`).sort();
    expect(after).toEqual(before);
    expect(await schedulerIds()).toEqual(expect.arrayContaining([JOB.reconcile, JOB.lifecycleSweep]));
  });

  it("GIVEN workers running WHEN Redis forgets everything THEN the reconciler's and the lifecycle sweep's schedulers come back within an interval", async () => {
    workers = await startWorkers({ queues: [QUEUE.maintenance], reconcileOnStart: false });
    const admin = new Redis(redisServer.url);
    await admin.flushall();
    expect(await schedulerIds()).toEqual([]);
    // The schedulers are upserted one after the other: wait for all of them, not the first.
    const expected = [JOB.reconcile, JOB.lifecycleSweep, JOB.sweepAllShops];
    const deadline = Date.now() + 15_000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      ids = await schedulerIds();
      if (expected.every((id) => ids.includes(id))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    admin.disconnect();
    expect(ids).toEqual(expect.arrayContaining(expected));
  });
});
