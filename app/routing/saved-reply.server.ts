// A routing rule's "send a saved reply", durable and sent at most once. The routing transaction
// writes the "routed" ConversationActivity with detail.savedReply = { id, state: "PENDING" } and
// enqueues routing-reply-<activityId>, delayed past its commit. The job renders the reply and sends
// it through the staff-reply pipeline (as Shopify Flow's send-saved-reply does) under the client id
// rule-<activityId>, i.e. the idempotency key staff:<conversationId>:rule-<activityId>: a duplicate
// job, a retry or the sweep's re-enqueue finds that message and sends nothing more. The row then
// says SENT (messageId, channel) or FAILED (error). The routing sweep (every minute) re-enqueues
// PENDING rows Redis lost.
import { RULE_STAFF_PREFIX } from "../staff/automation-authors";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { enqueue, requeueUnlessLive } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { replyEmailSubject } from "../conversations/reply-email-subject.server";
import { replyOptionsFor, sendStaffReply } from "../conversations/staff-reply.server";
import { renderReplyText } from "../saved-replies/saved-replies.server";

const log = logger.child({ module: "routing-saved-reply" });
const SEND_DELAY_MS = 1000;

/** Never fails the routing: the row is the truth and the sweep enqueues what this could not. */
export async function enqueueRoutingSavedReply(activityId: string): Promise<void> {
  try {
    await enqueue(JOB.routingSavedReply, { activityId }, { delay: SEND_DELAY_MS });
  } catch (err) {
    log.warn({ activityId, err: (err as Error).message }, "routing saved reply enqueue failed; the sweep will retry");
  }
}

type SavedReplyState = { id: string; state: "PENDING" | "SENT" | "FAILED"; messageId?: string; error?: string };

async function settle(activityId: string, value: SavedReplyState): Promise<void> {
  await db().$executeRaw(Prisma.sql`
    UPDATE "ConversationActivity"
       SET detail = jsonb_set(detail, '{savedReply}'::text[], ${JSON.stringify(value)}::jsonb)
     WHERE id = ${activityId} AND detail -> 'savedReply' ->> 'state' = 'PENDING'`);
}

export async function sendRoutingSavedReply(activityId: string): Promise<string> {
  const activity = await db().conversationActivity.findUnique({ where: { id: activityId } });
  const pending = (activity?.detail as { savedReply?: SavedReplyState } | undefined)?.savedReply;
  if (!activity || !pending || pending.state !== "PENDING") return "nothing to send";
  const fail = async (error: string) => {
    await settle(activityId, { id: pending.id, state: "FAILED", error });
    log.warn({ activityId, shopId: activity.shopId, error }, "routing saved reply not sent");
    return error;
  };
  const { shopId } = activity;
  const conversation = await db().conversation.findFirst({
    where: { id: activity.conversationId, shopId },
    select: {
      id: true,
      customerId: true,
      lastInboundChannel: true,
      visitorReplyEmail: true,
      shop: { select: { name: true } },
    },
  });
  if (!conversation) return fail("conversation_gone");
  const reply = await db().savedReply.findFirst({ where: { shopId, id: pending.id } });
  if (!reply) return fail("saved_reply_deleted");
  const rendered = await renderReplyText(shopId, reply.body, conversation.customerId);
  if (!rendered.ok) return fail(rendered.error);
  const { options, defaultChannel } = await replyOptionsFor(shopId, conversation.customerId, conversation);
  // The channel the customer just wrote on, else the composer's default.
  const same = options.find((o) => o.channel === conversation.lastInboundChannel && o.allowed);
  const channel = same?.channel ?? defaultChannel;
  if (!channel) return fail("no_channel");
  const sent = await sendStaffReply({
    shopId,
    conversationId: conversation.id,
    staff: { id: `${RULE_STAFF_PREFIX}${activity.actorId ?? ""}`, name: activity.actorName ?? "Routing rule" },
    channel,
    body: rendered.text,
    subject: channel === "EMAIL" ? await replyEmailSubject(shopId, conversation) : null,
    clientId: `rule-${activityId}`,
  });
  if (!sent.ok) return fail(sent.error);
  await settle(activityId, { id: pending.id, state: "SENT", messageId: sent.messageId });
  return sent.created ? "sent" : "already sent";
}

/** PENDING saved replies of the last day, older than 10 s, whose job Redis no longer holds. */
export async function reconcileRoutingSavedReplies(now: Date = new Date()): Promise<number> {
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT a.id FROM "Shop" s
     CROSS JOIN LATERAL (
       SELECT id FROM "ConversationActivity"
        WHERE "shopId" = s.id
          AND "createdAt" > (${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz AT TIME ZONE 'UTC')
          AND "createdAt" < (${new Date(now.getTime() - 10_000).toISOString()}::timestamptz AT TIME ZONE 'UTC')
          AND kind = 'routed'
          AND detail -> 'savedReply' ->> 'state' = 'PENDING'
        LIMIT 100) a`);
  let requeued = 0;
  for (const { id } of rows) if (await requeueUnlessLive(JOB.routingSavedReply, { activityId: id })) requeued++;
  if (requeued) log.info({ requeued }, "routing saved replies re-enqueued");
  return requeued;
}
