// The job scheduled-reply-<id>, due at the row's sendAt. It sends through the same code as a live
// staff reply (sendStaffReply: channel, window, consent, email threading, the durable send), under
// the idempotency key scheduled-reply:<id>. Inside the claim's transaction the row is locked and
// must still be SCHEDULED (a cancel that committed first wins: nothing is claimed), and the same
// transaction marks it SENT with its messageId, so the row and the message commit together: a crash
// after the claim finds SENT and only re-enqueues the send (which refuses a message already sent);
// a duplicate job finds SENT or the key's message and claims nothing more.
import { AdmissionRefusedError } from "../messages/claim-outbound.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { sendStaffReply } from "../conversations/staff-reply.server";
import { db } from "../db/client.server";
import { getQueue } from "../jobs/enqueue.server";
import { JOB, jobIdFor, QUEUE_OF } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { enqueueScheduledReply } from "./scheduled-replies.server";

const log = logger.child({ module: "send-later" });

export const scheduledReplyKey = (id: string) => `scheduled-reply:${id}`;

/** How long after sendAt a lost job is still sent: later than that, the reply fails instead. */
export const LATE_LIMIT_MS = 24 * 3600_000;

async function markFailed(id: string, error: string): Promise<void> {
  await db().scheduledReply.updateMany({ where: { id, state: "SCHEDULED" }, data: { state: "FAILED", error } });
}

export async function runScheduledReply(scheduledReplyId: string, now: Date = new Date()): Promise<string> {
  const row = await db().scheduledReply.findUnique({ where: { id: scheduledReplyId } });
  if (!row) return "gone";
  if (row.state === "SENT") {
    // Claimed before a crash that may have lost the send job: give it back (send-<messageId> is
    // deterministic and the send job refuses anything no longer PENDING).
    if (row.messageId) await enqueueSend(row.messageId);
    return "already sent";
  }
  if (row.state !== "SCHEDULED") return `not sent: ${row.state.toLowerCase()}`;
  if (row.sendAt.getTime() > now.getTime() + 1000) {
    // Ran early (a stale job under the same id): this job's id is still taken while it runs, so the
    // reconciler gives the row a job at its own time once this one has finished.
    return "not due yet";
  }
  if (now.getTime() - row.sendAt.getTime() > LATE_LIMIT_MS) {
    await markFailed(row.id, "Not sent: the app could not send it within a day of its time.");
    return "too late";
  }

  let result: Awaited<ReturnType<typeof sendStaffReply>>;
  try {
    result = await sendStaffReply({
      shopId: row.shopId,
      conversationId: row.conversationId,
      staff: { id: row.staffUserId ?? "", name: row.staffName ?? "Staff" },
      channel: row.channel,
      body: row.body,
      subject: row.subject,
      clientId: row.id,
      idempotencyKey: scheduledReplyKey(row.id),
      now,
      admission: {
        lockKey: scheduledReplyKey(row.id),
        // The row lock orders this claim and a cancel: whichever commits first wins.
        admit: async (tx) => {
          const [locked] = await tx.$queryRaw<{ state: string }[]>`
            SELECT state::text AS state FROM "ScheduledReply" WHERE id = ${row.id} FOR UPDATE`;
          return locked?.state === "SCHEDULED";
        },
      },
      onClaimed: async (tx, messageId) => {
        await tx.scheduledReply.update({ where: { id: row.id }, data: { state: "SENT", messageId } });
      },
    });
  } catch (err) {
    if (err instanceof AdmissionRefusedError) {
      // Another run claimed it a moment ago, or a cancel committed first.
      const current = await db().scheduledReply.findUnique({ where: { id: row.id }, select: { state: true } });
      return current?.state === "SENT" ? "already sent" : "cancelled before the send";
    }
    if (err instanceof Response && err.status === 404) {
      await markFailed(row.id, "Not sent: the conversation no longer exists.");
      return "conversation gone";
    }
    throw err;
  }
  if (!result.ok) {
    // The same words a live reply would have shown (window closed, opted out, not connected …).
    await markFailed(row.id, result.error);
    log.info({ scheduledReplyId: row.id, shopId: row.shopId, error: result.error }, "scheduled reply not sent");
    return `failed: ${result.error}`;
  }
  // An existing message under the key (the claim committed, this is a re-run): make the row say so.
  if (!result.created)
    await db().scheduledReply.updateMany({
      where: { id: row.id, state: "SCHEDULED" },
      data: { state: "SENT", messageId: result.messageId },
    });
  log.info({ scheduledReplyId: row.id, shopId: row.shopId, messageId: result.messageId }, "scheduled reply sent");
  return result.created ? "sent" : "already sent";
}

const GRACE_MS = 10_000;
const BATCH = 500;
const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/**
 * SCHEDULED rows whose job Redis no longer holds (a FLUSHALL, a restart without persistence) get it
 * back with what remains of their delay. Rows younger than GRACE_MS are left to the request that is
 * enqueueing them. Runs with the reconciler at start-up and every minute.
 */
export async function reconcileScheduledReplies(now: Date = new Date()): Promise<number> {
  const rows = await db().scheduledReply.findMany({
    where: { state: "SCHEDULED", createdAt: { lt: new Date(now.getTime() - GRACE_MS) } },
    select: { id: true, sendAt: true },
    orderBy: { sendAt: "asc" },
    take: BATCH,
  });
  const queue = getQueue(QUEUE_OF[JOB.sendScheduledReply]);
  let requeued = 0;
  for (const row of rows) {
    const jobId = jobIdFor(JOB.sendScheduledReply, { scheduledReplyId: row.id });
    const state = await queue.getJobState(jobId);
    if (LIVE.has(state)) continue;
    // A finished job under the id would make add() a no-op.
    if (state !== "unknown") await queue.remove(jobId).catch(() => undefined);
    await enqueueScheduledReply(row.id, row.sendAt, now);
    requeued++;
  }
  if (requeued) log.info({ requeued }, "scheduled replies re-enqueued");
  return requeued;
}
