// What one BullMQ job costs Redis: its own CPU per job (add, fetch, complete,
// trim), read from INFO, with the app's job options and a no-op worker. Redis
// runs commands on one thread, so 1 / (CPU per job) is the most jobs per
// second one Redis can carry, wherever the workers run.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";

export type RedisJobCost = {
  jobs: number;
  redisCpuMsPerJob: number;
  commandsPerJob: number;
  ceilingJobsPerSecond: number;
  /** Jobs/s this bench reached with its worker on the same 2 cores (a floor, not the ceiling). */
  observedJobsPerSecond: number;
};

async function redisCpuAndCalls(redis: Redis): Promise<{ cpuMs: number; calls: number }> {
  const cpu = await redis.info("cpu");
  const stats = await redis.info("commandstats");
  const seconds = (name: string) => Number(cpu.match(new RegExp(`^${name}:([\\d.]+)`, "m"))?.[1] ?? 0);
  const calls = [...stats.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  // The main thread is the one that runs commands (Redis 7 reports it apart from I/O and background threads).
  const main = seconds("used_cpu_user_main_thread") + seconds("used_cpu_sys_main_thread");
  return { cpuMs: (main || seconds("used_cpu_user") + seconds("used_cpu_sys")) * 1000, calls };
}

export async function measureRedisJobCost(redisUrl: string, jobs: number): Promise<RedisJobCost> {
  const prefix = `bench-primary-${process.pid}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const probe = new Redis(redisUrl);
  const queue = new Queue("primary-jobs", { connection, prefix });
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  let done = 0;
  let finished!: () => void;
  const allDone = new Promise<void>((resolve) => (finished = resolve));

  const before = await redisCpuAndCalls(probe);
  const started = performance.now();
  const worker = new Worker(
    "primary-jobs",
    async () => {
      if (++done === jobs) finished();
    },
    { connection: workerConnection, prefix, concurrency: 50 },
  );
  // The app's options (app/jobs/enqueue.server.ts): retries, and completed jobs kept for a day.
  const opts = {
    attempts: 8,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
  };
  for (let i = 0; i < jobs; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, jobs - i) }, (_, j) => ({
        name: "send",
        data: { messageId: `c${String(i + j).padStart(24, "0")}` },
        opts: { ...opts, jobId: `send-${i + j}` },
      })),
    );
  }
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  const after = await redisCpuAndCalls(probe);
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  probe.disconnect();

  const redisCpuMsPerJob = (after.cpuMs - before.cpuMs) / jobs;
  return {
    jobs,
    redisCpuMsPerJob,
    commandsPerJob: (after.calls - before.calls) / jobs,
    ceilingJobsPerSecond: 1000 / redisCpuMsPerJob,
    observedJobsPerSecond: jobs / seconds,
  };
}
