// An inbound reply that names its conversation (email reply-to token, In-Reply-To): it joins that
// conversation when it is the customer's open one, or reopens it when the customer has none open;
// if the customer already has another open conversation, the reply joins that one (a customer has
// at most one open conversation). A conversation of another shop is never joined.
import type { Tx } from "../commerce/transaction.server";
import { conversationForInbound } from "./conversation-for-inbound.server";

export async function conversationForThread(
  tx: Tx,
  shopId: string,
  conversationId: string,
): Promise<{ customerId: string; conversationId: string } | null> {
  const thread = await tx.conversation.findFirst({
    where: { id: conversationId, shopId },
    select: { id: true, customerId: true, status: true, openCustomerId: true },
  });
  if (!thread) return null;
  const customerId = thread.customerId;
  if (thread.openCustomerId === customerId) {
    // Snoozed or pending (waiting on the customer): open again once they write, as in conversationForInbound.
    if (thread.status !== "OPEN")
      await tx.conversation.update({ where: { id: thread.id }, data: { status: "OPEN", snoozedUntil: null } });
    return { customerId, conversationId: thread.id };
  }
  const open = await tx.conversation.findFirst({
    where: { shopId, customerId, openCustomerId: customerId },
    select: { id: true },
  });
  if (open) return { customerId, conversationId: await conversationForInbound(tx, shopId, customerId) };
  await tx.conversation.update({
    where: { id: thread.id },
    data: { status: "OPEN", openCustomerId: customerId, resolvedAt: null, snoozedUntil: null },
  });
  return { customerId, conversationId: thread.id };
}
