// One function per Shopify Flow trigger, called inside the transaction of the event it reports.
// Each reads what its payload needs through the same transaction and writes one FlowTriggerEvent
// (outbox.server.ts). Idempotency keys name the event, so a retried transaction or a repeated
// call never writes a second trigger for it.
import type { Tx } from "../commerce/transaction.server";
import { writeTrigger } from "./outbox.server";
import { conversationFields } from "./triggers";

/** A JSON number while exact; a 64-bit id beyond 2^53 goes as its decimal string rather than lose digits. */
function shopifyIdValue(id: bigint): number | string {
  return id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : id.toString();
}

async function conversationFacts(tx: Tx, shopId: string, conversationId: string) {
  const conversation = await tx.conversation.findFirst({
    where: { id: conversationId, shopId },
    select: {
      id: true,
      lastInboundChannel: true,
      assigneeName: true,
      tags: true,
      priority: true,
      shop: { select: { domain: true } },
      customer: { select: { firstName: true, lastName: true, email: true, phone: true, shopifyCustomerId: true } },
    },
  });
  if (!conversation) return null;
  const fields = conversationFields({
    shopDomain: conversation.shop.domain,
    conversationId: conversation.id,
    channel: conversation.lastInboundChannel,
    customer: conversation.customer,
  });
  return { conversation, fields };
}

/** The first customer message of a conversation (a new one, or the first reply in a thread our automated messages started). */
export async function conversationCreatedTrigger(
  tx: Tx,
  input: { shopId: string; conversationId: string; preview: string },
): Promise<string | null> {
  const facts = await conversationFacts(tx, input.shopId, input.conversationId);
  if (!facts) return null;
  return writeTrigger(tx, {
    shopId: input.shopId,
    handle: "conversation-created",
    idempotencyKey: `conversation-created:${input.conversationId}`,
    payload: { ...facts.fields, "Message preview": input.preview.slice(0, 200) },
  });
}

/** The assistant handed the conversation to a person (waitingForPersonSince was just set to `since`). */
export async function conversationHandedOffTrigger(
  tx: Tx,
  input: { shopId: string; conversationId: string; reason: string; since: Date },
): Promise<string | null> {
  const facts = await conversationFacts(tx, input.shopId, input.conversationId);
  if (!facts) return null;
  return writeTrigger(tx, {
    shopId: input.shopId,
    handle: "conversation-handed-off",
    idempotencyKey: `conversation-handed-off:${input.conversationId}:${input.since.getTime()}`,
    payload: { ...facts.fields, Reason: input.reason, Priority: facts.conversation.priority },
  });
}

/** Staff resolved the conversation at `resolvedAt` (an already resolved one never calls this). */
export async function conversationResolvedTrigger(
  tx: Tx,
  input: { shopId: string; conversationId: string; resolvedAt: Date },
): Promise<string | null> {
  const facts = await conversationFacts(tx, input.shopId, input.conversationId);
  if (!facts) return null;
  return writeTrigger(tx, {
    shopId: input.shopId,
    handle: "conversation-resolved",
    idempotencyKey: `conversation-resolved:${input.conversationId}:${input.resolvedAt.getTime()}`,
    payload: {
      ...facts.fields,
      Assignee: facts.conversation.assigneeName ?? "",
      Tags: facts.conversation.tags.join(", "),
    },
  });
}

/** Ready for app/csat/: call in the transaction that records the customer's score. */
export async function csatReceivedTrigger(
  tx: Tx,
  input: { shopId: string; conversationId: string; surveyId: string; score: number; comment: string | null },
): Promise<string | null> {
  const facts = await conversationFacts(tx, input.shopId, input.conversationId);
  if (!facts) return null;
  return writeTrigger(tx, {
    shopId: input.shopId,
    handle: "csat-received",
    idempotencyKey: `csat-received:${input.surveyId}`,
    payload: { ...facts.fields, Score: input.score, Comment: input.comment ?? "" },
  });
}

/** Ready for the SLA feature: call in the transaction that records the breach. */
export async function slaBreachedTrigger(
  tx: Tx,
  input: { shopId: string; conversationId: string; target: string; dueAt: Date },
): Promise<string | null> {
  const facts = await conversationFacts(tx, input.shopId, input.conversationId);
  if (!facts) return null;
  return writeTrigger(tx, {
    shopId: input.shopId,
    handle: "sla-breached",
    idempotencyKey: `sla-breached:${input.conversationId}:${input.target}:${input.dueAt.getTime()}`,
    payload: { ...facts.fields, Target: input.target, "Due at": input.dueAt.toISOString() },
  });
}

/**
 * An order credited to a cart-recovery message (app/flow-runs/attribution.server.ts). Only for an
 * order and customer Shopify knows: Flow's order and customer references need their ids.
 */
export async function cartRecoveredTrigger(
  tx: Tx,
  input: { shopId: string; orderId: string; messageId: string; flowId: string },
): Promise<string | null> {
  const order = await tx.order.findFirst({
    where: { id: input.orderId, shopId: input.shopId },
    select: {
      shopifyOrderId: true,
      totalPrice: true,
      currency: true,
      customer: { select: { shopifyCustomerId: true } },
    },
  });
  const shopifyCustomerId = order?.customer?.shopifyCustomerId;
  if (!order || shopifyCustomerId == null) return null;
  const [message, flow] = await Promise.all([
    tx.message.findFirst({
      where: { id: input.messageId, shopId: input.shopId },
      select: { conversationId: true, channel: true },
    }),
    tx.flow.findFirst({ where: { id: input.flowId, shopId: input.shopId }, select: { name: true } }),
  ]);
  return writeTrigger(tx, {
    shopId: input.shopId,
    handle: "cart-recovered",
    idempotencyKey: `cart-recovered:${input.orderId}`,
    payload: {
      customer_id: shopifyIdValue(shopifyCustomerId),
      order_id: shopifyIdValue(order.shopifyOrderId),
      "Conversation ID": message?.conversationId ?? "",
      Channel: message?.channel ?? "",
      "Recovered amount": Number(order.totalPrice),
      Currency: order.currency,
      "Flow name": flow?.name ?? "",
    },
  });
}
