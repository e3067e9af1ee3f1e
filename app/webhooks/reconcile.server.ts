// Redis may lose jobs (a flush, a restart without persistence, an enqueue that
// failed after the receipt was written). Receipts the database says still need
// work get their job back. A finished job under the same deterministic id
// would turn add() into a no-op, so it is removed first.
import { db } from "../db/client.server";
import { enqueue, getQueue } from "../jobs/enqueue.server";
import { JOB, QUEUE, jobIdFor } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { MAX_RECEIPT_ATTEMPTS, RECEIPT_STALE_AFTER_MS } from "./receipt-policy";

const BATCH = 500;
const PENDING_STATES = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/** True when a job is still queued or running; removes a finished one. */
async function jobIsPending(jobId: string): Promise<boolean> {
  const job = await getQueue(QUEUE.webhooks).getJob(jobId);
  if (!job) return false;
  const state = await job.getState();
  if (PENDING_STATES.has(state)) return true;
  if (state === "completed" || state === "failed") await job.remove();
  return false;
}

/** Gives a receipt its job back unless one is still queued or running; true when it enqueued one. */
export async function requeueReceipt(receiptId: string): Promise<boolean> {
  const payload = { receiptId };
  if (await jobIsPending(jobIdFor(JOB.processWebhook, payload))) return false;
  await enqueue(JOB.processWebhook, payload);
  return true;
}

export async function reconcileWebhookReceipts(options: { staleAfterMs?: number } = {}): Promise<number> {
  const staleBefore = new Date(Date.now() - (options.staleAfterMs ?? RECEIPT_STALE_AFTER_MS));
  const receipts = await db().webhookReceipt.findMany({
    // A FAILED receipt out of attempts is left for the merchant (failed-receipts.server.ts).
    where: {
      OR: [
        { status: "RECEIVED", receivedAt: { lt: staleBefore } },
        { status: "FAILED", attempts: { lt: MAX_RECEIPT_ATTEMPTS } },
      ],
    },
    orderBy: { receivedAt: "asc" },
    take: BATCH,
    select: { id: true },
  });

  let requeued = 0;
  for (const { id } of receipts) if (await requeueReceipt(id)) requeued++;
  if (requeued) logger.info({ requeued }, "webhook receipts re-enqueued");
  return requeued;
}
