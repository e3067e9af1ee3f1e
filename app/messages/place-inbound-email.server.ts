// Which customer and conversation an inbound email joins, and how far its sender is trusted
// (decision 0021). Runs inside storeChannelInbound's transaction, only for a new message.
// - It names a conversation (reply-to token, In-Reply-To / References): it joins it, whoever wrote.
//   The sender never becomes one of the customer's identities here: a stranger's address would
//   otherwise become the target of the next staff reply. Staff can add it on the conversation page.
// - It names none and its sender is authenticated: the customer who owns the address, or a new
//   customer with it as an identity.
// - It names none and its sender is not authenticated: it never joins a customer by address. It
//   gets a customer record of its own with no identity, so later genuine mail from that address
//   still goes to its real owner, and nothing is ever sent to the unproven address.
import type { Tx } from "../commerce/transaction.server";
import { conversationForInbound } from "../conversations/conversation-for-inbound.server";
import { conversationForThread } from "../conversations/inbound-thread.server";
import { resolveCustomer } from "../customers/resolve-customer.server";
import { isCustomersEmail, judgeEmailSender } from "./email-sender-trust.server";
import type { InboundPlace } from "./store-channel-inbound.server";

export async function placeInboundEmail(
  tx: Tx,
  shopId: string,
  input: {
    /** Lower-cased From address. */
    from: string;
    authenticated: boolean;
    /** The conversation the reply-to address or In-Reply-To named, if any (not yet checked for this shop). */
    namedConversationId: string | null;
    firstName: string | null;
    lastName: string | null;
  },
): Promise<InboundPlace> {
  const threaded = input.namedConversationId
    ? await conversationForThread(tx, shopId, input.namedConversationId)
    : null;
  if (threaded) {
    const knownToCustomer = await isCustomersEmail(tx, shopId, threaded.customerId, input.from);
    return { ...threaded, senderCheck: judgeEmailSender({ authenticated: input.authenticated, knownToCustomer }) };
  }
  if (!input.authenticated) {
    // Names from an unauthenticated From header are not recorded either: they may impersonate.
    const apart = await tx.customer.create({ data: { shopId }, select: { id: true } });
    return {
      customerId: apart.id,
      conversationId: await conversationForInbound(tx, shopId, apart.id),
      senderCheck: "FAILED_AUTH",
    };
  }
  const resolved = await resolveCustomer(tx, shopId, {
    emails: [input.from],
    firstName: input.firstName,
    lastName: input.lastName,
  });
  if (!resolved) throw new Error("an inbound email without a usable sender address");
  return {
    customerId: resolved.customerId,
    conversationId: await conversationForInbound(tx, shopId, resolved.customerId),
    senderCheck: "VERIFIED",
  };
}
