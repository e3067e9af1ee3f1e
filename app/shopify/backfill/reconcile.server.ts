// Redis may forget jobs; the BackfillRun rows say which imports should still be
// happening. Any such run without a live job gets one again.
import { db } from "../../db/client.server";
import { enqueue, getQueue } from "../../jobs/enqueue.server";
import { JOB, jobIdFor, QUEUE } from "../../jobs/queues.server";

/** A RUNNING row untouched this long has lost its worker (runs write progress far more often). */
export const STALE_RUNNING_MS = 2 * 60_000;

const LIVE_STATES = new Set(["active", "waiting", "waiting-children", "delayed", "prioritized"]);

export async function reconcileBackfillRuns(now = new Date()): Promise<number> {
  const runs = await db().backfillRun.findMany({
    where: {
      OR: [{ status: "QUEUED" }, { status: "RUNNING", updatedAt: { lt: new Date(now.getTime() - STALE_RUNNING_MS) } }],
    },
    select: { id: true },
  });
  const queue = getQueue(QUEUE.backfill);
  let requeued = 0;
  for (const run of runs) {
    const payload = { backfillRunId: run.id };
    const job = await queue.getJob(jobIdFor(JOB.runBackfill, payload));
    if (job) {
      const state = await job.getState();
      if (LIVE_STATES.has(state)) continue;
      // A finished job with this id would make the new add a silent no-op.
      await job.remove();
    }
    await enqueue(JOB.runBackfill, payload);
    requeued += 1;
  }
  return requeued;
}
