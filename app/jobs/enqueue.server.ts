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
