// The customer message a suggestion answers: the conversation's latest message from the customer
// (internal notes aside) when no staff reply came after it. Automatic answers and hand-off notices
// do not count as answered: a person still owes the customer a reply.
import { db } from "../db/client.server";

export interface UnansweredInbound {
  id: string;
  body: string;
  customerId: string;
  createdAt: Date;
}

export async function latestUnansweredInbound(
  shopId: string,
  conversationId: string,
): Promise<UnansweredInbound | null> {
  const latest = await db().message.findFirst({
    where: {
      shopId,
      conversationId,
      internal: false,
      OR: [
        { direction: "INBOUND", author: "CUSTOMER" },
        { direction: "OUTBOUND", author: "STAFF" },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, body: true, customerId: true, createdAt: true, direction: true },
  });
  if (!latest || latest.direction !== "INBOUND" || !latest.body.trim()) return null;
  return { id: latest.id, body: latest.body, customerId: latest.customerId, createdAt: latest.createdAt };
}
