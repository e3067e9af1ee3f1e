// Who a storefront chat visitor is. The widget keeps a random visitorId in the browser; the app
// proxy adds logged_in_customer_id when the shopper is signed in to the store.
//
// - Signed in: the customer with that Shopify customer id (created when unknown). If the visitor
//   id already belonged to a different, anonymous customer (no Shopify id) — the shopper chatted
//   before signing in — that visitor identity is re-pointed to the signed-in customer and the
//   anonymous customer's CHAT messages move into the signed-in customer's conversation. Anything
//   else about the anonymous customer stays (staff can merge customers by hand).
// - Not signed in: the customer owning the CHAT_VISITOR identity, else a new anonymous customer.
//   An email typed into the widget is NOT proof of identity: it is kept on a new anonymous
//   customer's email field but never links the visitor to an existing customer (otherwise anyone
//   could read another customer's conversation by typing their email).
//
// Every path first checks the visitor secret (visitor-secret.server.ts) against the identity's
// stored hash: a visitor id without its secret reads nothing, writes nothing and links nothing,
// whoever is signed in. A new identity stores the hash of the secret that created it.
import type { Tx } from "../commerce/transaction.server";
import { resolveCustomer } from "../customers/resolve-customer.server";
import { followMergedCustomer } from "../customers/inbound-platform-customer.server";
import { conversationForInbound } from "../conversations/conversation-for-inbound.server";
import { hashSecret } from "../lib/secret-token.server";
import { assertSecretMatches, VisitorSecretError } from "./visitor-secret.server";

export interface VisitorFacts {
  visitorId: string;
  /** The browser's visitor secret; required whenever the visitor id already has an identity. */
  secret?: string;
  shopifyCustomerId?: bigint | null;
  email?: string | null;
}

async function adoptAnonymousChat(tx: Tx, shopId: string, anonymousId: string, customerId: string) {
  const messages = await tx.message.findMany({
    where: { shopId, customerId: anonymousId, channel: "CHAT" },
    select: { id: true, conversationId: true },
  });
  if (messages.length) {
    const target = await conversationForInbound(tx, shopId, customerId);
    const ids = messages.map((m) => m.id);
    await tx.message.updateMany({ where: { id: { in: ids } }, data: { customerId, conversationId: target } });
    await tx.timelineEvent.updateMany({ where: { messageId: { in: ids } }, data: { customerId } });
    // Conversations left empty by the move are deleted.
    const emptied = [...new Set(messages.map((m) => m.conversationId))];
    for (const id of emptied) {
      if (id === target) continue;
      if ((await tx.message.count({ where: { conversationId: id } })) === 0)
        await tx.conversation.delete({ where: { id } });
    }
  }
}

/** The customer this visitor writes as, created or linked as described above. */
export async function customerForVisitor(tx: Tx, shopId: string, facts: VisitorFacts): Promise<string> {
  const identity = await visitorIdentity(tx, shopId, facts);
  const secretHash = hashSecret(facts.secret!);
  if (facts.shopifyCustomerId != null) {
    const resolved = await resolveCustomer(tx, shopId, { shopifyCustomerId: facts.shopifyCustomerId });
    const customerId = resolved!.customerId;
    if (!identity) {
      await tx.customerIdentity.create({
        data: { shopId, customerId, kind: "CHAT_VISITOR", value: facts.visitorId, secretHash },
      });
      return customerId;
    }
    const owner = await followMergedCustomer(tx, identity.customerId);
    if (owner === customerId) return customerId;
    const ownerRow = await tx.customer.findUnique({ where: { id: owner }, select: { shopifyCustomerId: true } });
    if (ownerRow && ownerRow.shopifyCustomerId === null) {
      await tx.customerIdentity.update({ where: { id: identity.id }, data: { customerId } });
      await adoptAnonymousChat(tx, shopId, owner, customerId);
    }
    // A visitor id already tied to another signed-in customer (a shared computer) stays with them;
    // this message goes to the signed-in customer.
    return customerId;
  }
  if (identity) return followMergedCustomer(tx, identity.customerId);
  const customer = await tx.customer.create({
    data: { shopId, email: facts.email ?? null },
    select: { id: true },
  });
  // A concurrent insert of the same identity aborts the transaction; inRetryingTransaction re-runs
  // it, and the re-run finds the winner's identity and checks this caller's secret against it.
  await tx.customerIdentity.create({
    data: { shopId, customerId: customer.id, kind: "CHAT_VISITOR", value: facts.visitorId, secretHash },
  });
  return customer.id;
}

/** The visitor's identity, or null when the id is new; throws VisitorSecretError without the right secret. */
async function visitorIdentity(tx: Tx, shopId: string, facts: VisitorFacts) {
  if (!facts.secret) throw new VisitorSecretError("missing");
  const identity = await tx.customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: facts.visitorId } },
    select: { id: true, customerId: true, secretHash: true },
  });
  if (identity) assertSecretMatches(facts.secret, identity.secretHash);
  return identity;
}

/**
 * The anonymous customer (no Shopify id) that owns this visitor id, following merges; null when the
 * visitor id is unknown or now belongs to a signed-in customer.
 */
async function anonymousOwnerOfVisitor(tx: Tx, shopId: string, facts: VisitorFacts): Promise<string | null> {
  const identity = await visitorIdentity(tx, shopId, facts);
  if (!identity) return null;
  const owner = await followMergedCustomer(tx, identity.customerId);
  const row = await tx.customer.findUnique({ where: { id: owner }, select: { shopifyCustomerId: true } });
  return row?.shopifyCustomerId === null ? owner : null;
}

/**
 * True when a signed-in shopper's visitor id still belongs to an anonymous customer: their chat
 * from before signing in has not joined their record yet (customerForVisitor does that).
 */
export async function visitorAwaitsLinking(tx: Tx, shopId: string, facts: VisitorFacts): Promise<boolean> {
  if (facts.shopifyCustomerId == null) return false;
  return (await anonymousOwnerOfVisitor(tx, shopId, facts)) !== null;
}

/** Read-only: the customer a visitor's read sees, or null (no message yet). */
export async function existingCustomerForVisitor(tx: Tx, shopId: string, facts: VisitorFacts): Promise<string | null> {
  if (facts.shopifyCustomerId != null) {
    // Signed in, Shopify vouches for the customer; a visitor id presented with a wrong secret
    // still gets nothing, so a stolen id cannot even be probed.
    await visitorIdentity(tx, shopId, facts);
    const customer = await tx.customer.findUnique({
      where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId: facts.shopifyCustomerId } },
      select: { id: true },
    });
    return customer ? followMergedCustomer(tx, customer.id) : null;
  }
  // A visitor id now tied to a signed-in customer is only readable by that signed-in shopper.
  return anonymousOwnerOfVisitor(tx, shopId, facts);
}
