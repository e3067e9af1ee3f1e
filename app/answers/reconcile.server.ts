// Redis may forget the auto-answer jobs; the AutoAnswer rows still PENDING say which customer
// messages wait for a decision. Re-adding a job whose id Redis still holds is a no-op, and the
// job itself decides a row at most once. Rows older than a day are left alone: an "automatic
// first response" a day late is worse than none.
import { db } from "../db/client.server";
import { getQueue } from "../jobs/enqueue.server";
import { jobIdFor, JOB, QUEUE } from "../jobs/queues.server";
import { enqueueAutoAnswer } from "./intake.server";

/** Rows this recent may still be on their way from the intake's commit to enqueue. */
const GRACE_MS = 10_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export async function reconcileAutoAnswers(now: Date = new Date()): Promise<number> {
  const rows = await db().autoAnswer.findMany({
    where: {
      state: "PENDING",
      createdAt: { lt: new Date(now.getTime() - GRACE_MS), gt: new Date(now.getTime() - MAX_AGE_MS) },
    },
    select: { inboundMessageId: true },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  let repaired = 0;
  const queue = getQueue(QUEUE.answers);
  for (const row of rows) {
    const jobId = jobIdFor(JOB.autoAnswer, { messageId: row.inboundMessageId });
    const state = await queue.getJobState(jobId);
    // Waiting or running; or given up after its attempts (its failure is in the log, not retried forever).
    if (state !== "completed" && state !== "unknown") continue;
    // Finished with the row still PENDING (a crash between steps), or lost: run it again.
    if (state === "completed") await queue.remove(jobId).catch(() => undefined);
    await enqueueAutoAnswer(row.inboundMessageId);
    repaired++;
  }
  return repaired;
}
