// Which conversation an inbound customer message joins: their open one (a snoozed or pending one becomes OPEN),
// else their latest one reopened (so the reply sits under the automated message it answers),
// else a new OPEN one. The unique openCustomerId keeps it to one open conversation per customer;
// a concurrent insert aborts the transaction and inRetryingTransaction re-runs it.
import type { Channel } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { newCaseInsensitiveToken } from "../lib/secret-token.server";
import { conversationCreatedTrigger } from "../shopify-flow/events.server";
import { refreshSlaTimers } from "../sla/timers.server";
import { openCycleIfNone } from "../kpis/cycles.server";
import { routeConversation } from "../routing/route-conversation.server";

export async function conversationForInbound(tx: Tx, shopId: string, customerId: string): Promise<string> {
  const open = await tx.conversation.findFirst({
    where: { shopId, customerId, openCustomerId: customerId },
    select: { id: true, status: true },
  });
  if (open) {
    // A snoozed or pending (waiting on the customer) conversation is open again once they write.
    if (open.status !== "OPEN")
      await tx.conversation.update({ where: { id: open.id }, data: { status: "OPEN", snoozedUntil: null } });
    return open.id;
  }
  const latest = await tx.conversation.findFirst({
    where: { shopId, customerId },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (latest) {
    await tx.conversation.update({
      where: { id: latest.id },
      data: { status: "OPEN", openCustomerId: customerId, resolvedAt: null, snoozedUntil: null },
    });
    return latest.id;
  }
  const created = await tx.conversation.create({
    data: { shopId, customerId, replyToken: newCaseInsensitiveToken(), status: "OPEN", openCustomerId: customerId },
    select: { id: true },
  });
  return created.id;
}

/** Bookkeeping after an inbound message joined the conversation. */
export async function noteInbound(
  tx: Tx,
  conversationId: string,
  /** automation: false for our own address coming back: no Shopify Flow trigger, no routing rule. */
  input: { channel: Channel; at: Date; preview: string; automation?: boolean },
): Promise<void> {
  const automation = input.automation !== false;
  const before = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: { shopId: true, lastInboundAt: true },
  });
  await tx.conversation.update({
    where: { id: conversationId },
    data: {
      lastInboundChannel: input.channel,
      lastInboundAt: input.at,
      lastActivityAt: input.at,
      lastMessagePreview: input.preview.slice(0, 200),
      unreadCount: { increment: 1 },
    },
  });
  // The customer's first message in this conversation: Shopify Flow's "conversation-created".
  if (automation && before && before.lastInboundAt === null)
    await conversationCreatedTrigger(tx, { shopId: before.shopId, conversationId, preview: input.preview });
  // A new or reopened conversation starts a resolution cycle (app/kpis/cycles.server.ts).
  const opened = before
    ? await openCycleIfNone(tx, { shopId: before.shopId, conversationId, channel: input.channel, at: input.at })
    : false;
  // Routing rules (app/routing/): on a new or reopened conversation the first matching rule acts
  // in this transaction, before the due times are computed (it may set the priority or resolve).
  if (automation && opened && before)
    await routeConversation(tx, {
      shopId: before.shopId,
      conversationId,
      channel: input.channel,
      text: input.preview,
      at: input.at,
    });
  // First-response / next-response / resolution due times (app/sla/; nothing when SLAs are off).
  await refreshSlaTimers(tx, conversationId);
}
