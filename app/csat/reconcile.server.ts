// Redis may forget csat-<surveyId> jobs (delayed ones included); PENDING rows say which surveys
// still wait. A lost job is enqueued again with what remains of the shop's delay. Rows older than
// a day are left alone: a survey a day late is worse than none.
import { db } from "../db/client.server";
import { enqueue, getQueue } from "../jobs/enqueue.server";
import { jobIdFor, JOB, QUEUE } from "../jobs/queues.server";
import { parseCsatSettings } from "./settings";

const GRACE_MS = 10_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export async function reconcileCsatSurveys(now: Date = new Date()): Promise<number> {
  const rows = await db().csatSurvey.findMany({
    where: {
      state: "PENDING",
      createdAt: { lt: new Date(now.getTime() - GRACE_MS), gt: new Date(now.getTime() - MAX_AGE_MS) },
    },
    select: { id: true, createdAt: true, shop: { select: { settings: true } } },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  let repaired = 0;
  const queue = getQueue(QUEUE.answers);
  for (const row of rows) {
    const jobId = jobIdFor(JOB.sendCsatSurvey, { surveyId: row.id });
    const state = await queue.getJobState(jobId);
    if (state !== "completed" && state !== "unknown") continue;
    if (state === "completed") await queue.remove(jobId).catch(() => undefined);
    const due = row.createdAt.getTime() + parseCsatSettings(row.shop.settings).delayMinutes * 60_000;
    await enqueue(JOB.sendCsatSurvey, { surveyId: row.id }, { delay: Math.max(0, due - now.getTime()) });
    repaired++;
  }
  return repaired;
}
