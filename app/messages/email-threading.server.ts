// Email threading, both ways.
// Outbound: every email we send carries our own Message-ID (derived from the message's
// idempotency key, so a retried send keeps the same id) and, when the SendGrid connection has an
// Inbound Parse domain, the conversation's reply-to address <replyToken>@<replyToDomain>.
// Hook: whoever claims an EMAIL message (claimOutboundMessage callers) passes
// `metadata: { ...outboundEmailThreading(...) }`; send-message.server.ts already forwards
// metadata.headers and metadata.replyTo to the SendGrid adapter.
// Inbound: a reply is matched to a conversation by that reply-to address, else by its
// In-Reply-To / References naming a message we sent.
import { createHash } from "node:crypto";
import type { Tx } from "../commerce/transaction.server";
import type { OutboundMetadata } from "./claim-outbound.server";

export function outboundEmailMessageId(idempotencyKey: string, domain: string): string {
  const hash = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return `<tl-${hash}@${domain.toLowerCase()}>`;
}

export function outboundEmailThreading(input: {
  idempotencyKey: string;
  fromEmail: string;
  replyToDomain?: string | null;
  replyToken?: string | null;
  /** Message-ID of the customer's email being answered (without or with angle brackets). */
  inReplyTo?: string | null;
}): Pick<OutboundMetadata, "headers" | "replyTo"> {
  const domain = input.replyToDomain || input.fromEmail.split("@")[1] || "threadline.invalid";
  const headers: Record<string, string> = { "Message-ID": outboundEmailMessageId(input.idempotencyKey, domain) };
  if (input.inReplyTo) {
    const id = input.inReplyTo.replace(/^<|>$/g, "");
    headers["In-Reply-To"] = `<${id}>`;
    headers["References"] = `<${id}>`;
  }
  return {
    headers,
    ...(input.replyToDomain && input.replyToken ? { replyTo: `${input.replyToken}@${input.replyToDomain}` } : {}),
  };
}

/** The conversation whose reply-to address is among `addresses` (lower-cased emails). */
/**
 * An automated email's metadata with the sender's threading added: our Message-ID and the
 * conversation's reply-to address. Headers the metadata already has win.
 */
export function withEmailThreading(
  metadata: OutboundMetadata,
  input: { idempotencyKey: string; sender: { fromEmail: string; replyToDomain: string | null }; replyToken: string },
): OutboundMetadata {
  const threading = outboundEmailThreading({
    idempotencyKey: input.idempotencyKey,
    fromEmail: input.sender.fromEmail,
    replyToDomain: input.sender.replyToDomain,
    replyToken: input.replyToken,
  });
  return { ...metadata, ...threading, headers: { ...threading.headers, ...metadata.headers } };
}

export async function conversationByReplyAddress(
  tx: Tx,
  shopId: string,
  replyToDomain: string | undefined,
  addresses: string[],
): Promise<string | null> {
  if (!replyToDomain) return null;
  const suffix = `@${replyToDomain.toLowerCase()}`;
  const tokens = [
    ...new Set(addresses.filter((a) => a.endsWith(suffix)).map((a) => a.slice(0, -suffix.length))),
  ].filter((t) => /^[A-Za-z0-9_-]{1,64}$/.test(t));
  if (!tokens.length) return null;
  // cuid tokens are lower-case; mail systems may have changed the local part's case.
  const found = await tx.conversation.findFirst({
    where: { shopId, replyToken: { in: tokens, mode: "insensitive" } },
    select: { id: true },
  });
  return found?.id ?? null;
}

/** The conversation of the message we sent that `ids` (In-Reply-To first, then References) name. */
export async function conversationByReferences(tx: Tx, shopId: string, ids: string[]): Promise<string | null> {
  const wanted = [...new Set(ids)].slice(0, 20);
  if (!wanted.length) return null;
  // SendGrid's own Message-ID starts with its X-Message-Id (stored as providerMessageId).
  const providerIds = wanted.map((id) => id.split("@")[0].split(".")[0]).filter(Boolean);
  const found = await tx.message.findFirst({
    where: {
      shopId,
      direction: "OUTBOUND",
      channel: "EMAIL",
      OR: [
        ...wanted.map((id) => ({ metadata: { path: ["headers", "Message-ID"], equals: `<${id}>` } })),
        { providerMessageId: { in: providerIds } },
      ],
    },
    orderBy: { createdAt: "desc" },
    select: { conversationId: true },
  });
  return found?.conversationId ?? null;
}
