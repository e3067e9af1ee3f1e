// Redis may forget backfill jobs; the reconciler rebuilds them from BackfillRun rows.
import { describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { Worker } from "bullmq";
import { config } from "../../app/config.server";
import { createRedisConnection } from "../../app/jobs/connection.server";
import { enqueue, getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import { reconcileBackfillRuns } from "../../app/shopify/backfill/reconcile.server";

async function runRow(domain: string, status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED", updatedMinutesAgo = 0) {
  const shop = await db().shop.create({ data: { domain } });
  const run = await db().backfillRun.create({ data: { shopId: shop.id, reason: "install", status } });
  if (updatedMinutesAgo) {
    // updatedAt is @updatedAt: only raw SQL can set it in the past.
    await db()
      .$executeRaw`UPDATE "BackfillRun" SET "updatedAt" = now() - make_interval(mins => ${updatedMinutesAgo}::int) WHERE id = ${run.id}`;
  }
  return run;
}

describe("backfill reconciler", () => {
  it("GIVEN runs whose jobs Redis forgot WHEN reconciling THEN queued and stale running runs get their job back, and nothing else", async () => {
    const queued = await runRow("rec-queued.myshopify.com", "QUEUED");
    const staleRunning = await runRow("rec-stale.myshopify.com", "RUNNING", 5);
    const liveRunning = await runRow("rec-live.myshopify.com", "RUNNING");
    const completed = await runRow("rec-done.myshopify.com", "COMPLETED", 5);
    const failed = await runRow("rec-failed.myshopify.com", "FAILED", 5);
    const queue = getQueue(QUEUE.backfill);

    expect(await reconcileBackfillRuns()).toBe(2);

    expect(await queue.getJob(`backfill-${queued.id}`)).toBeTruthy();
    expect(await queue.getJob(`backfill-${staleRunning.id}`)).toBeTruthy();
    for (const run of [liveRunning, completed, failed])
      expect(await queue.getJob(`backfill-${run.id}`)).toBeUndefined();

    // WHEN reconciling again THEN the jobs that now exist are left alone.
    expect(await reconcileBackfillRuns()).toBe(0);
  });

  it("GIVEN a queued run whose job already finished WHEN reconciling THEN the old job is replaced by a fresh one", async () => {
    // Only this test's run is in flight (the worker below also finishes earlier tests' jobs).
    await db().backfillRun.updateMany({ data: { status: "COMPLETED" } });
    const run = await runRow("rec-finished-job.myshopify.com", "QUEUED");
    const queue = getQueue(QUEUE.backfill);
    const jobId = `backfill-${run.id}`;
    await enqueue(JOB.runBackfill, { backfillRunId: run.id });
    // A worker that finishes the job without touching the row: what a crash between the two looks like.
    const finished = new Promise<void>((resolve) => {
      const worker = new Worker(QUEUE.backfill, async () => "lost", {
        connection: createRedisConnection(),
        prefix: config().QUEUE_PREFIX,
      });
      worker.on("completed", (job) => {
        if (job.id === jobId) void worker.close().then(() => resolve());
      });
    });
    await finished;
    expect(await (await queue.getJob(jobId))!.getState()).toBe("completed");

    expect(await reconcileBackfillRuns()).toBe(1);
    expect(await (await queue.getJob(jobId))!.getState()).toBe("waiting");
  });
});
