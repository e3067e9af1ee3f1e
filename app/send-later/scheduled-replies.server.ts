// Send later (issue 15, decision 0059): a staff reply written now and sent at a chosen time. The
// ScheduledReply row is the truth; its delayed job scheduled-reply-<id> (run-scheduled-reply.server.ts)
// only says "look at this row now", and the reconciler gives a SCHEDULED row its job back when Redis
// lost it. Every read and write here is scoped by shop and conversation: another shop's id is 404.
import { db } from "../db/client.server";
import { enqueue, getQueue } from "../jobs/enqueue.server";
import { JOB, jobIdFor, QUEUE_OF } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { CHANNEL_NAME } from "../conversations/reply-reasons";
import {
  MAX_REPLY_LENGTH,
  REPLY_CHANNELS,
  replyOptionsFor,
  type ReplyChannel,
} from "../conversations/staff-reply.server";
import type { ScheduledReplyView } from "./contracts";
import { sendAtProblem } from "./send-time";

export type { ScheduledReplyView };

const log = logger.child({ module: "send-later" });

export const PREVIEW_LENGTH = 140;

export type ScheduleResult =
  | { ok: true; scheduledReply: ScheduledReplyView }
  | { ok: false; error: string; field: "body" | "channel" | "subject" | "sendAt" };

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

function viewOf(row: {
  id: string;
  channel: string;
  subject: string | null;
  body: string;
  sendAt: Date;
  state: string;
  staffName: string | null;
  error: string | null;
}): ScheduledReplyView {
  return {
    id: row.id,
    channel: row.channel as ScheduledReplyView["channel"],
    subject: row.subject,
    preview: row.body.length > PREVIEW_LENGTH ? `${row.body.slice(0, PREVIEW_LENGTH - 1)}…` : row.body,
    sendAt: row.sendAt.toISOString(),
    state: row.state === "FAILED" ? "FAILED" : "SCHEDULED",
    staffName: row.staffName,
    error: row.error,
  };
}

/** The delayed job that sends the row at its time (ids only; the row is the truth). */
export async function enqueueScheduledReply(id: string, sendAt: Date, now: Date = new Date()): Promise<void> {
  await enqueue(
    JOB.sendScheduledReply,
    { scheduledReplyId: id },
    { delay: Math.max(0, sendAt.getTime() - now.getTime()) },
  );
}

/**
 * Writes a scheduled reply for a conversation of this shop. The body, channel and subject follow the
 * live reply's rules; the channel must be reachable now (address, connection, consent) and its window
 * (WhatsApp 24 h, Meta 24 h / 7 days) must still be open at `sendAt`. The send itself checks everything
 * again when it is due, exactly as a live reply would.
 */
export async function scheduleReply(input: {
  shopId: string;
  conversationId: string;
  staff: { id: string; name: string };
  channel: string;
  body: string;
  subject?: string | null;
  sendAt: Date;
  now?: Date;
}): Promise<ScheduleResult> {
  const now = input.now ?? new Date();
  const conversation = await db().conversation.findFirst({
    where: { id: input.conversationId, shopId: input.shopId },
    select: { id: true, customerId: true, lastInboundChannel: true, visitorReplyEmail: true },
  });
  if (!conversation) notFound();

  const body = input.body.replace(/\r\n/g, "\n").trim();
  if (!body) return { ok: false, error: "Write a message first.", field: "body" };
  if (body.length > MAX_REPLY_LENGTH)
    return { ok: false, error: `A reply can be at most ${MAX_REPLY_LENGTH} characters.`, field: "body" };
  if (!(REPLY_CHANNELS as readonly string[]).includes(input.channel))
    return { ok: false, error: "Pick a channel to reply on.", field: "channel" };
  const channel = input.channel as ReplyChannel;
  const subject = channel === "EMAIL" ? (input.subject ?? "").replace(/\s+/g, " ").trim().slice(0, 200) : null;
  if (channel === "EMAIL" && !subject) return { ok: false, error: "An email needs a subject.", field: "subject" };
  const timeProblem = sendAtProblem(input.sendAt, now);
  if (timeProblem) return { ok: false, error: timeProblem, field: "sendAt" };

  // The options as they will be at sendAt: the window is judged at the send time (the customer may
  // still write before then, which only widens it; the job decides with what is true then).
  const { options } = await replyOptionsFor(input.shopId, conversation.customerId, conversation, input.sendAt);
  const option = options.find((o) => o.channel === channel)!;
  if (!option.allowed) {
    const reason = option.explanation ?? `You cannot reply on ${CHANNEL_NAME[channel]}.`;
    return { ok: false, error: `At the chosen time: ${reason}`, field: "channel" };
  }

  const row = await db().scheduledReply.create({
    data: {
      shopId: input.shopId,
      conversationId: conversation.id,
      channel,
      subject,
      body,
      sendAt: input.sendAt,
      staffUserId: input.staff.id,
      staffName: input.staff.name,
    },
  });
  try {
    await enqueueScheduledReply(row.id, row.sendAt, now);
  } catch (err) {
    // The row is the truth: the reconciler enqueues it within a minute.
    log.warn({ scheduledReplyId: row.id, err: (err as Error).message }, "scheduled reply enqueue failed");
  }
  log.info({ shopId: input.shopId, scheduledReplyId: row.id, channel, sendAt: row.sendAt }, "reply scheduled");
  return { ok: true, scheduledReply: viewOf(row) };
}

/** What the conversation's "Scheduled" list shows: waiting replies, and failed ones not yet dismissed. */
export async function listScheduledReplies(shopId: string, conversationId: string): Promise<ScheduledReplyView[]> {
  const rows = await db().scheduledReply.findMany({
    where: {
      shopId,
      conversationId,
      OR: [{ state: "SCHEDULED" }, { state: "FAILED", cancelledAt: null }],
    },
    orderBy: [{ sendAt: "asc" }, { id: "asc" }],
    take: 50,
  });
  return rows.map(viewOf);
}

export type CancelResult = { ok: true; state: "CANCELLED" | "FAILED" } | { ok: false; status: 409; error: string };

/**
 * Cancel wins over a send that has not claimed yet: the conditional update and the send's claim
 * (which locks the row and needs SCHEDULED) decide one after the other. A FAILED reply is dismissed
 * instead (cancelledAt set, it stays FAILED and leaves the list).
 */
export async function cancelScheduledReply(input: {
  shopId: string;
  conversationId: string;
  scheduledReplyId: string;
  staff: { id: string; name: string };
  now?: Date;
}): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const where = { id: input.scheduledReplyId, shopId: input.shopId, conversationId: input.conversationId };
  const row = await db().scheduledReply.findFirst({ where, select: { id: true } });
  if (!row) notFound();
  const cancelled = await db().scheduledReply.updateMany({
    where: { ...where, state: "SCHEDULED" },
    data: { state: "CANCELLED", cancelledAt: now },
  });
  if (cancelled.count === 1) {
    // Tidy only: the job would find the row CANCELLED and do nothing.
    await getQueue(QUEUE_OF[JOB.sendScheduledReply])
      .remove(jobIdFor(JOB.sendScheduledReply, { scheduledReplyId: row.id }))
      .catch(() => undefined);
    log.info(
      { shopId: input.shopId, scheduledReplyId: row.id, staffUserId: input.staff.id },
      "scheduled reply cancelled",
    );
    return { ok: true, state: "CANCELLED" };
  }
  const dismissed = await db().scheduledReply.updateMany({
    where: { ...where, state: "FAILED", cancelledAt: null },
    data: { cancelledAt: now },
  });
  if (dismissed.count === 1) return { ok: true, state: "FAILED" };
  const current = await db().scheduledReply.findFirst({ where, select: { state: true } });
  log.info({ shopId: input.shopId, scheduledReplyId: row.id, state: current?.state }, "cancel refused");
  return {
    ok: false,
    status: 409,
    error:
      current?.state === "SENT"
        ? "This reply was already sent."
        : current?.state === "CANCELLED"
          ? "This reply was already cancelled."
          : "This reply can no longer be cancelled.",
  };
}
