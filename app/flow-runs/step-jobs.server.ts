// The BullMQ side of a FlowStep: its delayed job has the step's id as job id.
// The row is the truth; these helpers only make Redis agree with it.
import { enqueue, getQueue } from "../jobs/enqueue.server";
import { JOB, QUEUE } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";

/** Completed step jobs are removed at once so that the same id can be scheduled again. */
const STEP_JOB_OPTIONS = { removeOnComplete: true } as const;

/**
 * Makes the step's job run at `dueAt`: moves a delayed job, replaces a finished
 * one, adds a missing one. A job already waiting or running is left alone: it
 * reads the row and reschedules itself if it ran early.
 */
export async function scheduleStepJob(
  stepId: string,
  dueAt: Date,
  now: Date = new Date(),
): Promise<"added" | "moved" | "left"> {
  const delay = Math.max(0, dueAt.getTime() - now.getTime());
  const job = await getQueue(QUEUE.flowSteps).getJob(stepId);
  if (job) {
    const state = await job.getState();
    if (state === "delayed") {
      try {
        await job.changeDelay(delay);
        return "moved";
      } catch (err) {
        // It was promoted meanwhile; it will run and look at the row.
        logger.debug({ stepId, err: (err as Error).message }, "step job could not be moved");
        return "left";
      }
    }
    if (state === "completed" || state === "failed" || state === "unknown") {
      await job.remove().catch(() => undefined);
    } else {
      return "left";
    }
  }
  const runAt = Date.now() + delay;
  await enqueue(JOB.runFlowStep, { flowStepId: stepId }, { ...STEP_JOB_OPTIONS, delay });
  // Another process (the step's creator, the reconciler) may have added the same id between our
  // look and our add; BullMQ then keeps theirs, with their due time. Make it ours.
  const kept = await getQueue(QUEUE.flowSteps).getJob(stepId);
  if (kept && Math.abs(kept.timestamp + (kept.delay ?? 0) - runAt) > 1000) {
    if ((await kept.getState()) === "delayed") {
      await kept.changeDelay(Math.max(0, runAt - Date.now())).catch((err: Error) => {
        logger.debug({ stepId, err: err.message }, "step job could not be moved");
      });
    }
    return "moved";
  }
  return "added";
}

/** The first job of a step just created: no job can exist under its new id, so there is nothing to look up. */
export async function scheduleNewStepJob(stepId: string, dueAt: Date, now: Date = new Date()): Promise<void> {
  const delay = Math.max(0, dueAt.getTime() - now.getTime());
  await enqueue(JOB.runFlowStep, { flowStepId: stepId }, { ...STEP_JOB_OPTIONS, delay });
}

/** Removes a step's job if it is only waiting; a running one finds its step cancelled. */
export async function removeStepJob(stepId: string): Promise<void> {
  const queue = getQueue(QUEUE.flowSteps);
  if ((await queue.getJobState(stepId)) === "active") return;
  await queue.remove(stepId).catch(() => undefined);
}
