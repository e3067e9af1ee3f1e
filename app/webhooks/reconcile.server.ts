// Redis may lose jobs (a flush, a restart without persistence, an enqueue that
// failed after the receipt was written). Receipts the database says still need
// work get their job back. A finished job under the same deterministic id
// would turn add() into a no-op, so it is removed first.
import { db } from "../db/client.server";
import { requeueUnlessLive } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { MAX_RECEIPT_ATTEMPTS, RECEIPT_STALE_AFTER_MS } from "./receipt-policy";

const BATCH = 500;

/** Gives a receipt its job back unless one is still queued or running; true when it enqueued one. */
export function requeueReceipt(receiptId: string): Promise<boolean> {
  return requeueUnlessLive(JOB.processWebhook, { receiptId });
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
