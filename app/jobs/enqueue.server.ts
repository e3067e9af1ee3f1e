import { Queue, type JobsOptions } from "bullmq";
import { config } from "../config.server";
import { createRedisConnection } from "./connection.server";
import { jobIdFor, QUEUE_OF, type JobName, type JobPayloads, type QueueName } from "./queues.server";

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

interface QueueRegistry {
  queues: Map<QueueName, Queue>;
  connection?: ReturnType<typeof createRedisConnection>;
}

const globalForQueues = globalThis as unknown as { threadlineQueues?: QueueRegistry };

function registry(): QueueRegistry {
  return (globalForQueues.threadlineQueues ??= { queues: new Map() });
}

export function getQueue(name: QueueName): Queue {
  const reg = registry();
  let queue = reg.queues.get(name);
  if (!queue) {
    reg.connection ??= createRedisConnection();
    queue = new Queue(name, {
      connection: reg.connection,
      prefix: config().QUEUE_PREFIX,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    reg.queues.set(name, queue);
  }
  return queue;
}

export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  options: JobsOptions = {},
): Promise<string> {
  const jobId = options.jobId ?? jobIdFor(name, payload);
  await getQueue(QUEUE_OF[name]).add(name, payload, { ...options, jobId });
  return jobId;
}

export async function closeQueues() {
  const reg = globalForQueues.threadlineQueues;
  if (!reg) return;
  globalForQueues.threadlineQueues = undefined;
  await Promise.all([...reg.queues.values()].map((q) => q.close()));
  reg.connection?.disconnect();
}

const LIVE_JOB_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/**
 * Gives a row its job back when Redis lost it: nothing when a job under the deterministic id is
 * still queued or running; a finished one is removed first, because add() under a taken id is a
 * no-op. True when it enqueued. The reconcilers of every database-backed job share this.
 */
export async function requeueUnlessLive<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<boolean> {
  const existing = await getQueue(QUEUE_OF[name]).getJob(jobIdFor(name, payload));
  if (existing) {
    if (LIVE_JOB_STATES.has(await existing.getState())) return false;
    await existing.remove();
  }
  await enqueue(name, payload);
  return true;
}
