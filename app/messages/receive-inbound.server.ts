// Stores an inbound SMS / WhatsApp message (de-duplicated by provider id), in the customer's
// open conversation, with its timeline event, and applies STOP / START keywords in the same
// transaction. Then: keyword → confirmation (+ marketing runs stopped); anything else → the flow
// engine learns the customer replied (a person takes over).
import type { InboundMessage } from "../channels/types";
import type { ChannelProvider } from "../generated/prisma/client";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { customerForPhone } from "../customers/customer-by-phone.server";
import { conversationForInbound, noteInbound } from "../conversations/conversation-for-inbound.server";
import { classifyKeyword } from "../consent/keywords";
import { applyKeywordTx, followUpKeyword, type KeywordContext } from "../consent/apply-keyword.server";
import { onCustomerReplied } from "../flow-runs/triggers.server";
import { recordMessageEvent } from "./message-timeline.server";
import { enqueueAutoAnswer, noteInboundForAutoAnswer } from "../answers/intake.server";

export function inboundKey(provider: ChannelProvider, providerMessageId: string): string {
  return `inbound:${provider.toLowerCase()}:${providerMessageId}`;
}

export interface ReceivedInbound {
  messageId: string;
  customerId: string;
  created: boolean;
  keyword: KeywordContext | null;
  confirmationMessageId?: string;
}

export async function receivePhoneInbound(
  shopId: string,
  provider: ChannelProvider,
  inbound: InboundMessage,
): Promise<ReceivedInbound> {
  const idempotencyKey = inboundKey(provider, inbound.providerMessageId);
  const action = classifyKeyword(inbound.body);
  const stored = await inRetryingTransaction(async (tx) => {
    const existing = await tx.message.findUnique({
      where: { idempotencyKey },
      select: { id: true, customerId: true, channel: true, createdAt: true },
    });
    const keywordOf = (customerId: string, occurredAt: Date): KeywordContext | null =>
      action
        ? {
            shopId,
            customerId,
            channel: inbound.channel,
            action,
            keyword: inbound.body,
            messageSid: inbound.providerMessageId,
            from: inbound.from,
            occurredAt,
          }
        : null;
    if (existing)
      return {
        messageId: existing.id,
        customerId: existing.customerId,
        created: false,
        keyword: keywordOf(existing.customerId, existing.createdAt),
      };

    const { customerId } = await customerForPhone(tx, shopId, {
      phone: inbound.from,
      channel: inbound.channel,
      profileName: inbound.profileName,
    });
    const conversationId = await conversationForInbound(tx, shopId, customerId);
    const message = await tx.message.create({
      data: {
        shopId,
        conversationId,
        customerId,
        direction: "INBOUND",
        channel: inbound.channel,
        author: "CUSTOMER",
        authorName: inbound.profileName ?? null,
        body: inbound.body,
        mediaUrls: inbound.mediaUrls,
        fromAddress: inbound.from,
        toAddress: inbound.to,
        deliveryStatus: "RECEIVED",
        providerMessageId: inbound.providerMessageId,
        idempotencyKey,
        metadata: action ? { keyword: action } : {},
      },
    });
    await noteInbound(tx, conversationId, {
      channel: inbound.channel,
      at: message.createdAt,
      preview: inbound.body || (inbound.mediaUrls.length ? "(attachment)" : ""),
    });
    await recordMessageEvent(tx, message);
    const keyword = keywordOf(customerId, message.createdAt);
    if (keyword) await applyKeywordTx(tx, keyword);
    // STOP / START are not questions: the keyword's own confirmation answers them.
    const autoAnswer = keyword ? false : await noteInboundForAutoAnswer(tx, message);
    return { messageId: message.id, customerId, created: true, keyword, autoAnswer };
  });

  if (stored.keyword) {
    const confirmationMessageId = await followUpKeyword(stored.keyword, { notifyEngine: stored.created });
    return { ...stored, confirmationMessageId };
  }
  if (stored.created) await onCustomerReplied(shopId, stored.customerId, inbound.channel);
  if (stored.autoAnswer) await enqueueAutoAnswer(stored.messageId);
  return stored;
}
