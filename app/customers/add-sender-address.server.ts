// Staff vouch for an email's sender: the address an unverified email came from becomes one of the
// conversation's customer's EMAIL identities, and so the target of the next email reply. The only
// way such an address joins a customer (decision 0021): inbound mail never adds it by itself.
import { inRetryingTransaction } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import { normaliseEmail } from "./addresses";

export type AddSenderResult = { ok: true; address: string; created: boolean } | { ok: false; error: string };

/** Throws a 404 Response unless the conversation and the inbound email in it are this shop's. */
export async function addSenderAddress(input: {
  shopId: string;
  conversationId: string;
  messageId: string;
}): Promise<AddSenderResult> {
  const { shopId } = input;
  const result = await inRetryingTransaction(async (tx): Promise<AddSenderResult> => {
    const conversation = await tx.conversation.findFirst({
      where: { id: input.conversationId, shopId },
      select: { customerId: true },
    });
    const message = conversation
      ? await tx.message.findFirst({
          where: {
            id: input.messageId,
            shopId,
            conversationId: input.conversationId,
            channel: "EMAIL",
            direction: "INBOUND",
          },
          select: { fromAddress: true },
        })
      : null;
    if (!conversation || !message) throw new Response("Not found", { status: 404 });
    const address = normaliseEmail(message.fromAddress);
    if (!address) return { ok: false, error: "This email has no sender address to add." };
    const customerId = conversation.customerId;

    const owner = await tx.customerIdentity.findUnique({
      where: { shopId_kind_value: { shopId, kind: "EMAIL", value: address } },
      select: { customerId: true },
    });
    if (owner?.customerId === customerId) return { ok: true, address, created: false };
    if (owner) {
      return {
        ok: false,
        error: `${address} already belongs to another customer. If they are the same person, merge the two customers instead.`,
      };
    }
    await tx.customerIdentity.create({ data: { shopId, customerId, kind: "EMAIL", value: address } });
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { email: true } });
    if (!customer.email) await tx.customer.update({ where: { id: customerId }, data: { email: address } });
    return { ok: true, address, created: true };
  });
  if (result.ok && result.created)
    logger.info(
      { shopId, conversationId: input.conversationId, messageId: input.messageId },
      "staff added a sender address",
    );
  return result;
}
