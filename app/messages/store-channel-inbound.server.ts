// Stores one inbound customer message from an email / Meta / storefront-chat route, exactly once:
// the Message row is unique on its idempotency key, so a provider retry finds the stored row and
// changes nothing (and the flow engine is told about the reply only the first time).
// The caller decides, inside the same transaction, which customer and conversation it joins.
import type { Channel, Prisma, SenderCheck } from "../generated/prisma/client";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { noteInbound } from "../conversations/conversation-for-inbound.server";
import { onCustomerReplied } from "../flow-runs/triggers.server";
import { recordMessageEvent } from "./message-timeline.server";
import { enqueueAutoAnswer, noteInboundForAutoAnswer } from "../answers/intake.server";

export interface ChannelInbound {
  idempotencyKey: string;
  channel: Channel;
  body: string;
  fullBody?: string | null;
  subject?: string | null;
  mediaUrls?: string[];
  fromAddress: string;
  toAddress?: string | null;
  authorName?: string | null;
  providerMessageId?: string | null;
  metadata?: Prisma.InputJsonObject;
  receivedAt?: Date;
  /**
   * The sender is one of the shop's own channel addresses (our mail coming back): recorded, but no
   * automatic answer (its decision is skipped as an auto-reply), no satisfaction answer, no routing
   * rule or Shopify Flow trigger and no "customer replied" for the flows. An echo answered would loop
   * (decision 0059).
   */
  ownAddress?: boolean;
}

export interface StoredInbound {
  messageId: string;
  customerId: string;
  conversationId: string;
  created: boolean;
  /** Automatic answers are on for this channel: the auto-answer job is enqueued after the commit. */
  autoAnswer?: boolean;
}

export interface InboundPlace {
  customerId: string;
  conversationId: string;
  /** Inbound email only: how far its sender can be trusted (email-sender-trust.server.ts). */
  senderCheck?: SenderCheck;
}

/** `place` runs only when the message is new: it resolves the customer and the conversation. */
export async function storeChannelInbound(
  shopId: string,
  inbound: ChannelInbound,
  place: (tx: Tx) => Promise<InboundPlace>,
): Promise<StoredInbound> {
  const stored = await inRetryingTransaction(async (tx) => {
    const existing = await tx.message.findUnique({
      where: { idempotencyKey: inbound.idempotencyKey },
      select: { id: true, customerId: true, conversationId: true },
    });
    if (existing)
      return {
        messageId: existing.id,
        customerId: existing.customerId,
        conversationId: existing.conversationId,
        created: false,
      };
    const { customerId, conversationId, senderCheck } = await place(tx);
    const message = await tx.message.create({
      data: {
        shopId,
        conversationId,
        customerId,
        direction: "INBOUND",
        channel: inbound.channel,
        author: "CUSTOMER",
        authorName: inbound.authorName ?? null,
        subject: inbound.subject ?? null,
        body: inbound.body,
        fullBody: inbound.fullBody ?? null,
        mediaUrls: inbound.mediaUrls ?? [],
        fromAddress: inbound.fromAddress,
        toAddress: inbound.toAddress ?? null,
        senderCheck: senderCheck ?? null,
        deliveryStatus: "RECEIVED",
        providerMessageId: inbound.providerMessageId ?? null,
        idempotencyKey: inbound.idempotencyKey,
        metadata: inbound.metadata ?? {},
        ...(inbound.receivedAt ? { createdAt: inbound.receivedAt } : {}),
      },
    });
    await noteInbound(tx, conversationId, {
      channel: inbound.channel,
      at: message.createdAt,
      preview: inbound.body || (inbound.mediaUrls?.length ? "(attachment)" : (inbound.subject ?? "")),
      ...(inbound.ownAddress ? { automation: false } : {}),
    });
    await recordMessageEvent(tx, message);
    // Our own address still gets its decision row, which the job settles SKIPPED (auto_reply).
    const autoAnswer = await noteInboundForAutoAnswer(tx, message, { ownAddress: inbound.ownAddress });
    return { messageId: message.id, customerId, conversationId, created: true, autoAnswer };
  });
  if (stored.created && !inbound.ownAddress) await onCustomerReplied(shopId, stored.customerId, inbound.channel);
  if (stored.autoAnswer) await enqueueAutoAnswer(stored.messageId);
  return stored;
}
