// STOP / START on SMS and WhatsApp. The consent change is written in the same transaction as the
// inbound message that carried the keyword (applyKeywordTx, with the message's own time, so a
// replayed STOP can never undo a later START). Afterwards, one confirmation goes out through the
// normal send pipeline: claimed under keyword:<MessageSid> (so a replayed webhook cannot send a
// second one) and marked as the one message allowed past the opt-out it confirms
// (isKeywordConfirmation in send-message.server.ts).
import type { Channel, ConsentPurpose } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import { claimOutboundMessage } from "../messages/claim-outbound.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { keywordConfirmation, type KeywordAction } from "./keywords";
import { afterConsentCommitted, afterConsentRevoked, grantConsentTx, revokeConsentTx } from "./revoke-consent.server";

const BOTH: ConsentPurpose[] = ["MARKETING", "TRANSACTIONAL"];

export interface KeywordContext {
  shopId: string;
  customerId: string;
  channel: Channel;
  action: KeywordAction;
  /** The keyword as the customer wrote it. */
  keyword: string;
  /** Twilio MessageSid of the inbound message. */
  messageSid: string;
  /** The customer's address on that channel (E.164). */
  from: string;
  occurredAt: Date;
}

/** Consent rows + CONSENT_CHANGED events, inside the inbound message's transaction. */
export async function applyKeywordTx(tx: Tx, ctx: KeywordContext): Promise<ConsentPurpose[]> {
  const input = {
    shopId: ctx.shopId,
    customerId: ctx.customerId,
    channel: ctx.channel,
    purposes: BOTH,
    source: "KEYWORD" as const,
    occurredAt: ctx.occurredAt,
    detail: { keyword: ctx.keyword.trim().toUpperCase() },
  };
  return ctx.action === "OPT_OUT" ? revokeConsentTx(tx, input) : grantConsentTx(tx, input);
}

export function confirmationKey(messageSid: string): string {
  return `keyword:${messageSid}`;
}

/**
 * After the commit: stop marketing runs (opt-out) and send the one confirmation. Idempotent, so the
 * route may call it again for a replayed webhook (a crash before the confirmation was claimed).
 */
export async function followUpKeyword(ctx: KeywordContext, options: { notifyEngine: boolean }): Promise<string> {
  await afterConsentCommitted(ctx.shopId, ctx.customerId);
  if (ctx.action === "OPT_OUT" && options.notifyEngine)
    await afterConsentRevoked(ctx.shopId, ctx.customerId, ctx.channel);
  const shop = await db().shop.findUnique({ where: { id: ctx.shopId }, select: { name: true, domain: true } });
  const { messageId, created } = await claimOutboundMessage({
    shopId: ctx.shopId,
    customerId: ctx.customerId,
    channel: ctx.channel,
    toAddress: ctx.from,
    body: keywordConfirmation(ctx.action, shop?.name || shop?.domain || ""),
    author: "SYSTEM",
    idempotencyKey: confirmationKey(ctx.messageSid),
    metadata: { purpose: "TRANSACTIONAL" },
  });
  if (created) await enqueueSend(messageId);
  else {
    // A replay: make sure a confirmation claimed before a crash still gets its job.
    const existing = await db().message.findUnique({ where: { id: messageId }, select: { deliveryStatus: true } });
    if (existing?.deliveryStatus === "PENDING") await enqueueSend(messageId);
  }
  return messageId;
}
