// Starts one BullMQ Worker per queue and routes each job to its processor by name.
import { Worker, type Job } from "bullmq";
import { config } from "../config.server";
import { logger } from "../lib/logger.server";
import { createRedisConnection } from "./connection.server";
import { intakePriority } from "./intake-priority.server";
import { processors } from "./processors/index.server";
import { QUEUE, type JobName, type QueueName } from "./queues.server";
import { scheduleRepeatableJobs } from "./schedule.server";
import { reconcile } from "./reconciler.server";

const CONCURRENCY: Record<QueueName, number> = {
  // Jobs running together form one batch (app/dispatch/): enough to fill two batches of 50.
  [QUEUE.webhooks]: 100,
  [QUEUE.backfill]: 2,
  [QUEUE.maintenance]: 1,
  [QUEUE.flowSteps]: 20,
  [QUEUE.sends]: 50,
  // Admin API writes share the shop's cost bucket with the backfill; a few at a time is plenty.
  [QUEUE.shopifyWrites]: 5,
  // Automatic answers: a retrieval each, a few milliseconds of database work.
  [QUEUE.answers]: 10,
  // Section embeddings: one provider call per article; a few at a time spares the provider.
  [QUEUE.embeddings]: 2,
  // Segment rebuilds: set-based SQL, plus Admin API pages for a Shopify segment query.
  [QUEUE.segments]: 2,
  // Campaign batches: each claims up to 500 recipients and sends under its senders' rates (app/campaigns/engine/).
  [QUEUE.campaigns]: 8,
};

export interface WorkerHandle {
  workers: Worker[];
  close(): Promise<void>;
}

export async function startWorkers(
  options: { queues?: QueueName[]; reconcileOnStart?: boolean; schedule?: boolean } = {},
): Promise<WorkerHandle> {
  const names = options.queues ?? (Object.values(QUEUE) as QueueName[]);
  const connection = createRedisConnection();
  const workers = names.map((name) => {
    const worker = new Worker(
      name,
      async (job: Job) => {
        const processor = processors[job.name as JobName];
        if (!processor) throw new Error(`No processor for job ${job.name} on queue ${name}`);
        // Webhook intake in this process goes first (intake-priority.server.ts). Webhook jobs only
        // hand their receipt to a batch, and the batch takes the turn (app/dispatch/).
        const endTurn = name === QUEUE.webhooks ? () => undefined : await intakePriority().processingTurn();
        try {
          return await processor(job.data as never, job);
        } finally {
          endTurn();
        }
      },
      {
        connection,
        prefix: config().QUEUE_PREFIX,
        concurrency: CONCURRENCY[name],
        lockDuration: config().JOB_LOCK_MS,
        stalledInterval: config().JOB_LOCK_MS,
      },
    );
    worker.on("failed", (job, error) => {
      logger.warn(
        { queue: name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
        "job failed",
      );
    });
    worker.on("error", (error) => logger.error({ queue: name, err: error.message }, "worker error"));
    return worker;
  });
  let watchdog: NodeJS.Timeout | undefined;
  if (options.schedule !== false) {
    await scheduleRepeatableJobs();
    // The reconciler itself is a repeatable job: after a FLUSHALL nothing would bring it back until a
    // restart. Upserting the schedulers is idempotent (same id, same next slot), so re-asserting them
    // on a timer bounds what a flush loses to one interval.
    watchdog = setInterval(() => {
      scheduleRepeatableJobs().catch((err: Error) =>
        logger.warn({ err: err.message }, "could not re-assert the repeatable jobs; trying again next interval"),
      );
    }, config().RECONCILE_EVERY_MS);
    watchdog.unref();
  }
  // Redis may have forgotten everything while we were down: rebuild from the database.
  if (options.reconcileOnStart !== false) await reconcile();
  logger.info({ queues: names }, "workers started");
  return {
    workers,
    async close() {
      if (watchdog) clearInterval(watchdog);
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
