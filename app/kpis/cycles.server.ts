// Resolution cycles (ConversationCycle): a cycle opens with the first customer message of a new or
// resolved conversation and closes when it is resolved. Response and resolution times are counted
// once per cycle, so a reopened conversation is a new cycle, never a second count of the old one.
import type { Tx } from "../commerce/transaction.server";
import type { Channel } from "../generated/prisma/client";

/**
 * Opens a cycle unless one is open already; true when this inbound message opened it (a new or
 * reopened conversation), which is when routing rules run.
 */
export async function openCycleIfNone(
  tx: Tx,
  input: { shopId: string; conversationId: string; channel: Channel; at: Date },
): Promise<boolean> {
  const latest = await tx.conversationCycle.findFirst({
    where: { conversationId: input.conversationId },
    orderBy: { seq: "desc" },
    select: { seq: true, resolvedAt: true },
  });
  if (latest && latest.resolvedAt === null) return false;
  const conversation = await tx.conversation.findUniqueOrThrow({
    where: { id: input.conversationId },
    select: { teamId: true, assigneeId: true },
  });
  await tx.conversationCycle.create({
    data: {
      shopId: input.shopId,
      conversationId: input.conversationId,
      seq: (latest?.seq ?? 0) + 1,
      channel: input.channel,
      teamId: conversation.teamId,
      assigneeId: conversation.assigneeId,
      openedAt: input.at,
    },
  });
  return true;
}
