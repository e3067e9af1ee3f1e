// Staff replies from the conversation page. Which channels a staff member can reach for a
// customer (an address or platform identity AND an active connection that sends on it), the
// channel windows (channel-windows.ts), and the send itself through the durable pipeline:
// claimOutboundMessage with the key staff:<conversationId>:<client uuid> (a double submit of the
// same form sends once) + enqueueSend.
import { loadConnection, ConnectionError } from "../channels/credentials.server";
import { db } from "../db/client.server";
import type { Channel } from "../generated/prisma/enums";
import {
  claimOutboundMessage,
  type ClaimOutboundInput,
  type OutboundMetadata,
} from "../messages/claim-outbound.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { outboundEmailThreading } from "../messages/email-threading.server";
import { isAutomationStaffId } from "../staff/automation-authors";
import { channelWindow } from "./channel-windows";
import { CHANNEL_NAME, replyReasonText, type ReplyReason } from "./reply-reasons";

export const REPLY_CHANNELS = [
  "SMS",
  "WHATSAPP",
  "EMAIL",
  "MESSENGER",
  "INSTAGRAM",
  "CHAT",
] as const satisfies readonly Channel[];
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];
export const MAX_REPLY_LENGTH = 4000;

export interface ReplyOption {
  channel: ReplyChannel;
  /** Where the reply goes: E.164 phone, email address or platform id. Null: the customer has none. */
  toAddress: string | null;
  /** The shop has an active connection that sends on this channel. */
  connected: boolean;
  /** Reachable (address + connection) and inside the channel's window. */
  allowed: boolean;
  metaTag: "HUMAN_AGENT" | null;
  /** Why the channel is unavailable (or tagged); null when it simply works. */
  reason: ReplyReason | null;
  /** Plain words for staff when not allowed, or when sent with a tag (reply-reasons.ts). */
  explanation: string | null;
  lastInboundAt: Date | null;
}

export interface ReplyOptions {
  options: ReplyOption[];
  /** The customer's last inbound channel when reachable, else the first allowed option. */
  defaultChannel: ReplyChannel | null;
  replyToDomain: string | null;
  /** The SendGrid sender, for the email Message-ID's domain. */
  fromEmail: string | null;
}

const IDENTITY_FOR: Record<ReplyChannel, string[]> = {
  SMS: ["PHONE"],
  WHATSAPP: ["WHATSAPP", "PHONE"],
  EMAIL: ["EMAIL"],
  MESSENGER: ["MESSENGER"],
  INSTAGRAM: ["INSTAGRAM"],
  CHAT: ["CHAT_VISITOR"],
};

const LABEL: Record<ReplyChannel, string> = CHANNEL_NAME;

type ConnectionProblem = "NOT_CONNECTED" | "CONNECTION_DISABLED" | "CONNECTION_UNREADABLE";

/** The usable connection, or why there is none. */
async function safeLoad<P extends "TWILIO" | "SENDGRID" | "META">(shopId: string, provider: P) {
  try {
    const c = await loadConnection(shopId, provider);
    if (!c) return { connection: null, problem: "NOT_CONNECTED" as ConnectionProblem };
    if (c.status === "DISABLED") return { connection: null, problem: "CONNECTION_DISABLED" as ConnectionProblem };
    return { connection: c, problem: null };
  } catch (err) {
    if (err instanceof ConnectionError)
      return { connection: null, problem: "CONNECTION_UNREADABLE" as ConnectionProblem };
    throw err;
  }
}

/** What the conversation says about where to answer. */
export interface ReplyContext {
  lastInboundChannel: Channel | null;
  /** Asked for through the storefront widget outside business hours: answer by email, here. */
  visitorReplyEmail?: string | null;
}

export async function replyOptionsFor(
  shopId: string,
  customerId: string,
  context: ReplyContext,
  now: Date = new Date(),
): Promise<ReplyOptions> {
  const [customer, identities, lastInbound, optOuts, twilioState, sendgridState, metaState] = await Promise.all([
    db().customer.findFirst({
      where: { id: customerId, shopId },
      select: { phone: true, email: true, redactedAt: true },
    }),
    db().customerIdentity.findMany({
      where: { shopId, customerId },
      orderBy: { createdAt: "desc" },
      select: { kind: true, value: true },
    }),
    db().message.groupBy({
      by: ["channel"],
      where: { shopId, customerId, direction: "INBOUND", internal: false },
      _max: { createdAt: true },
    }),
    // Only a full opt-out stops a staff reply (it is transactional); the send job re-checks it.
    db().consent.findMany({
      where: { shopId, customerId, purpose: "TRANSACTIONAL", state: "REVOKED" },
      select: { channel: true },
    }),
    safeLoad(shopId, "TWILIO"),
    safeLoad(shopId, "SENDGRID"),
    safeLoad(shopId, "META"),
  ]);
  const lastAt = new Map(lastInbound.map((r) => [r.channel, r._max.createdAt ?? null]));
  const optedOut = new Set(optOuts.map((o) => o.channel));
  const twilio = twilioState.connection;
  const sendgrid = sendgridState.connection;
  const meta = metaState.connection;
  // Why each channel cannot send for this shop, whoever the customer is; null: it can.
  const connectionProblem: Record<ReplyChannel, ReplyReason | null> = {
    SMS:
      twilioState.problem ??
      (twilio!.credentials.fromNumber || twilio!.credentials.messagingServiceSid ? null : "NO_SENDER"),
    WHATSAPP: twilioState.problem ?? (twilio!.credentials.whatsappFrom ? null : "NO_SENDER"),
    EMAIL: sendgridState.problem,
    MESSENGER: metaState.problem,
    INSTAGRAM: metaState.problem ?? (meta!.credentials.instagramAccountId ? null : "NO_SENDER"),
    // The storefront widget is part of the app: it needs no provider connection.
    CHAT: null,
  };
  const redacted = !customer || customer.redactedAt !== null;
  const options = REPLY_CHANNELS.map((channel): ReplyOption => {
    const kinds = IDENTITY_FOR[channel];
    let toAddress: string | null = null;
    if (!redacted) {
      if (channel === "EMAIL") toAddress = context.visitorReplyEmail ?? null;
      for (const kind of kinds) {
        if (toAddress) break;
        toAddress = identities.find((i) => i.kind === kind)?.value ?? null;
      }
      if (!toAddress && (channel === "SMS" || channel === "WHATSAPP")) toAddress = customer?.phone ?? null;
      if (!toAddress && channel === "EMAIL") toAddress = customer?.email ?? null;
    }
    const last = lastAt.get(channel) ?? null;
    const connected = connectionProblem[channel] === null;
    const unavailable = (reason: ReplyReason): ReplyOption => ({
      channel,
      toAddress,
      connected,
      allowed: false,
      metaTag: null,
      reason,
      explanation: replyReasonText(channel, reason),
      lastInboundAt: last,
    });
    if (redacted) return unavailable("REDACTED");
    if (!toAddress) return unavailable("NO_ADDRESS");
    const problem = connectionProblem[channel];
    if (problem) return unavailable(problem);
    if (optedOut.has(channel)) return unavailable("OPTED_OUT");
    const w = channelWindow(channel, last, now);
    return {
      channel,
      toAddress,
      connected: true,
      allowed: w.allowed,
      metaTag: w.metaTag,
      reason: w.reason,
      explanation: w.explanation,
      lastInboundAt: last,
    };
  });
  const usable = options.filter((o) => o.allowed);
  // A shopper who left an email with their chat while the shop was closed is waiting by email.
  const wanted = context.visitorReplyEmail ? "EMAIL" : context.lastInboundChannel;
  const preferred =
    usable.find((o) => o.channel === wanted) ?? usable.find((o) => o.channel === context.lastInboundChannel);
  return {
    options,
    defaultChannel: preferred?.channel ?? usable[0]?.channel ?? null,
    replyToDomain: sendgrid?.credentials.replyToDomain ?? null,
    fromEmail: sendgrid?.credentials.fromEmail ?? null,
  };
}

export type StaffReplyResult =
  | { ok: true; messageId: string; created: boolean }
  | { ok: false; error: string; field?: "body" | "channel" | "subject" };

export async function sendStaffReply(input: {
  shopId: string;
  conversationId: string;
  staff: { id: string; name: string };
  channel: string;
  body: string;
  subject?: string | null;
  /** A uuid generated by the form when it was rendered: the same form submitted twice sends once. */
  clientId: string;
  now?: Date;
  /** Replaces staff:<conversationId>:<clientId> (a scheduled reply claims scheduled-reply:<id>). */
  idempotencyKey?: string;
  /** Passed to the claim: checked and run inside its transaction (app/send-later/). */
  admission?: ClaimOutboundInput["admission"];
  onClaimed?: ClaimOutboundInput["onClaimed"];
}): Promise<StaffReplyResult> {
  const conversation = await db().conversation.findFirst({
    where: { id: input.conversationId, shopId: input.shopId },
    select: { id: true, customerId: true, lastInboundChannel: true, visitorReplyEmail: true, replyToken: true },
  });
  if (!conversation) throw new Response("Not found", { status: 404 });
  if (!input.idempotencyKey && !/^[A-Za-z0-9-]{8,64}$/.test(input.clientId))
    return { ok: false, error: "The form is out of date: reload the page." };
  const idempotencyKey = input.idempotencyKey ?? `staff:${conversation.id}:${input.clientId}`;
  // A double submit: answer with the message the first one created, before any other check.
  const existing = await db().message.findUnique({ where: { idempotencyKey }, select: { id: true, shopId: true } });
  if (existing && existing.shopId === input.shopId) return { ok: true, messageId: existing.id, created: false };

  const body = input.body.replace(/\r\n/g, "\n").trim();
  if (!body) return { ok: false, error: "Write a message first.", field: "body" };
  if (body.length > MAX_REPLY_LENGTH)
    return { ok: false, error: `A reply can be at most ${MAX_REPLY_LENGTH} characters.`, field: "body" };
  if (!(REPLY_CHANNELS as readonly string[]).includes(input.channel))
    return { ok: false, error: "Pick a channel to reply on.", field: "channel" };
  const channel = input.channel as ReplyChannel;

  const { options, replyToDomain, fromEmail } = await replyOptionsFor(
    input.shopId,
    conversation.customerId,
    conversation,
    input.now,
  );
  const option = options.find((o) => o.channel === channel)!;
  if (!option.allowed || !option.toAddress) {
    return { ok: false, error: option.explanation ?? `You cannot reply on ${LABEL[channel]}.`, field: "channel" };
  }
  // Meta reserves the HUMAN_AGENT tag for a person's reply: automation sending through this path
  // (Shopify Flow's action, a routing rule's saved reply) gets the 24-hour window only, as the
  // assistant does (decision 0059).
  if (option.metaTag && isAutomationStaffId(input.staff.id)) {
    return {
      ok: false,
      error: `${LABEL[channel]}: the customer's last message is more than 24 hours old; Meta allows a later reply only from a person (human-agent tag), so automation does not send it.`,
      field: "channel",
    };
  }
  const subject = channel === "EMAIL" ? (input.subject ?? "").replace(/\s+/g, " ").trim().slice(0, 200) : null;
  if (channel === "EMAIL" && !subject) return { ok: false, error: "An email needs a subject.", field: "subject" };

  const metadata: OutboundMetadata & { metaTag?: "HUMAN_AGENT" } = { purpose: "TRANSACTIONAL" };
  if (option.metaTag) metadata.metaTag = option.metaTag;
  if (channel === "EMAIL") {
    // Our Message-ID, the conversation's reply-to address, and In-Reply-To/References naming the
    // customer's latest email, so their mail client threads the answer. An email from an
    // unverified sender is not the customer's: the answer never threads under it.
    const lastEmail = await db().message.findFirst({
      where: {
        shopId: input.shopId,
        conversationId: conversation.id,
        channel: "EMAIL",
        direction: "INBOUND",
        providerMessageId: { not: null },
        OR: [{ senderCheck: null }, { senderCheck: "VERIFIED" }],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { providerMessageId: true },
    });
    Object.assign(
      metadata,
      outboundEmailThreading({
        idempotencyKey,
        fromEmail: fromEmail ?? "",
        replyToDomain,
        replyToken: conversation.replyToken,
        inReplyTo: lastEmail?.providerMessageId ?? null,
      }),
    );
  }

  const { messageId, created } = await claimOutboundMessage({
    shopId: input.shopId,
    customerId: conversation.customerId,
    channel,
    toAddress: option.toAddress,
    body,
    subject,
    author: "STAFF",
    authorName: input.staff.name,
    staffUserId: input.staff.id,
    idempotencyKey,
    metadata,
    ...(input.admission ? { admission: input.admission } : {}),
    ...(input.onClaimed ? { onClaimed: input.onClaimed } : {}),
  });
  await enqueueSend(messageId);
  return { ok: true, messageId, created };
}
