// Which conversation an outbound message joins. Automated messages must not open inbox threads:
// the customer's open conversation if there is one, else their latest, else a new RESOLVED one.
import type { Tx } from "../commerce/transaction.server";
import { newCaseInsensitiveToken } from "../lib/secret-token.server";

export async function conversationForOutbound(
  tx: Tx,
  shopId: string,
  customerId: string,
): Promise<{ id: string; replyToken: string }> {
  // One statement for "open, else latest": every automated message passes here (raw SQL because
  // Prisma cannot order by a comparison).
  const [existing] = await tx.$queryRaw<{ id: string; replyToken: string }[]>`
    SELECT "id", "replyToken" FROM "Conversation"
     WHERE "shopId" = ${shopId} AND "customerId" = ${customerId}
     ORDER BY ("openCustomerId" IS NOT DISTINCT FROM ${customerId}) DESC, "lastActivityAt" DESC, "id" DESC
     LIMIT 1`;
  if (existing) return existing;
  const now = new Date();
  const created = await tx.conversation.create({
    data: {
      shopId,
      customerId,
      replyToken: newCaseInsensitiveToken(),
      status: "RESOLVED",
      openCustomerId: null,
      resolvedAt: now,
      lastActivityAt: now,
    },
    select: { id: true, replyToken: true },
  });
  return created;
}
