// Which conversation an outbound message joins. Automated messages must not open inbox threads:
// the customer's open conversation if there is one, else their latest, else a new RESOLVED one.
import type { Tx } from "../commerce/transaction.server";

export async function conversationForOutbound(tx: Tx, shopId: string, customerId: string): Promise<string> {
  const open = await tx.conversation.findFirst({
    where: { shopId, customerId, openCustomerId: customerId },
    select: { id: true },
  });
  if (open) return open.id;
  const latest = await tx.conversation.findFirst({
    where: { shopId, customerId },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  if (latest) return latest.id;
  const now = new Date();
  const created = await tx.conversation.create({
    data: { shopId, customerId, status: "RESOLVED", openCustomerId: null, resolvedAt: now, lastActivityAt: now },
    select: { id: true },
  });
  return created.id;
}
