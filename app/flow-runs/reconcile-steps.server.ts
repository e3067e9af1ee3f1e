// Redis may forget delayed jobs (FLUSHALL, a restart without persistence). The
// database says which steps still wait and which messages still need sending;
// this puts their jobs back. Idempotent: job ids are the row ids.
import { db } from "../db/client.server";
import { getQueue } from "../jobs/enqueue.server";
import { jobIdFor, JOB, QUEUE } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { scheduleStepJob } from "./step-jobs.server";

const BATCH = 500;
/** A message claimed this recently may still be on its way to enqueueSend. */
const CLAIM_GRACE_MS = 10_000;

// One Redis call per row (getJobState answers "unknown" for a job Redis does not hold): the
// reconciler walks every waiting step each minute, most of which are fine.
async function stepJobMissing(stepId: string): Promise<boolean> {
  const state = await getQueue(QUEUE.flowSteps).getJobState(stepId);
  return state === "completed" || state === "failed" || state === "unknown";
}

async function sendJobMissing(messageId: string): Promise<boolean> {
  const queue = getQueue(QUEUE.sends);
  const jobId = jobIdFor(JOB.sendMessage, { messageId });
  const state = await queue.getJobState(jobId);
  // A finished job with the message still PENDING: the send job decides (it never sends twice).
  // "unknown" may still leave a job hash without a list, which would make the re-add a no-op.
  if (state === "completed" || state === "unknown") {
    await queue.remove(jobId).catch(() => undefined);
    return true;
  }
  return false;
}

export async function reconcileFlowSteps(now: Date = new Date()): Promise<number> {
  let repaired = 0;

  // 1. Steps still to run (of runs still active).
  let cursor: string | undefined;
  for (;;) {
    const steps = await db().flowStep.findMany({
      // A step due now and written this recently may still be run by the batch that made it (app/dispatch/).
      where: {
        state: { in: ["PENDING", "DEFERRED"] },
        run: { status: "ACTIVE" },
        OR: [{ dueAt: { gt: now } }, { updatedAt: { lt: new Date(now.getTime() - CLAIM_GRACE_MS) } }],
      },
      select: { id: true, dueAt: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const step of steps) {
      if (await stepJobMissing(step.id)) {
        await scheduleStepJob(step.id, step.dueAt, now);
        repaired += 1;
      }
    }
    if (steps.length < BATCH) break;
    cursor = steps[steps.length - 1].id;
  }

  // 2. Steps marked RUNNING whose message was never claimed (a crash in between).
  const running = await db().flowStep.findMany({
    where: { state: "RUNNING", updatedAt: { lt: new Date(now.getTime() - CLAIM_GRACE_MS) } },
    select: { id: true, dueAt: true },
    take: BATCH,
  });
  if (running.length > 0) {
    const claimed = new Set(
      (
        await db().message.findMany({
          where: { flowStepId: { in: running.map((s) => s.id) } },
          select: { flowStepId: true },
        })
      ).map((m) => m.flowStepId),
    );
    for (const step of running) {
      if (claimed.has(step.id)) continue;
      await db().flowStep.updateMany({ where: { id: step.id, state: "RUNNING" }, data: { state: "PENDING" } });
      if (await stepJobMissing(step.id)) await scheduleStepJob(step.id, step.dueAt, now);
      repaired += 1;
    }
  }

  // 3. Claimed messages never sent and with no send job (any author: flows and staff alike).
  let messageCursor: string | undefined;
  for (;;) {
    const pending = await db().message.findMany({
      where: {
        direction: "OUTBOUND",
        deliveryStatus: "PENDING",
        createdAt: { lt: new Date(now.getTime() - CLAIM_GRACE_MS) },
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(messageCursor ? { skip: 1, cursor: { id: messageCursor } } : {}),
    });
    for (const message of pending) {
      if (await sendJobMissing(message.id)) {
        await enqueueSend(message.id);
        repaired += 1;
      }
    }
    if (pending.length < BATCH) break;
    messageCursor = pending[pending.length - 1].id;
  }

  if (repaired > 0) logger.info({ repaired }, "flow step reconciler re-enqueued jobs");
  return repaired;
}
