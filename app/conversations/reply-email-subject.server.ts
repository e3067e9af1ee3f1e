// The subject of an email reply sent without the composer (Shopify Flow's action, a routing rule's
// saved reply): what the composer would start with, read from the customer's last trusted email.
import { db } from "../db/client.server";
import { defaultEmailSubject } from "./default-email-subject";

/** "Re: <the customer's last trusted email subject>", else one naming the shop. */
export async function replyEmailSubject(
  shopId: string,
  conversation: { id: string; shop: { name: string | null } },
): Promise<string> {
  const last = await db().message.findFirst({
    where: {
      shopId,
      conversationId: conversation.id,
      channel: "EMAIL",
      direction: "INBOUND",
      subject: { not: null },
      // An unverified sender's subject is never put in front of the customer.
      OR: [{ senderCheck: null }, { senderCheck: "VERIFIED" }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { subject: true },
  });
  const timeline = last ? [{ kind: "message", channel: "EMAIL", subject: last.subject }] : [];
  return defaultEmailSubject(timeline, conversation.shop.name);
}
