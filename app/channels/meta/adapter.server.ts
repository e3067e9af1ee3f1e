// MESSENGER and INSTAGRAM through the Graph API Send API (plain fetch) and Meta's page webhooks.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../../config.server";
import type { Channel } from "../../generated/prisma/enums";
import type { MetaConnection } from "../credentials.server";
import { classifyNetworkError, describeUnknown, permanentFailure } from "../failures";
import {
  headerOf,
  rawBodyText,
  type ChannelAdapter,
  type InboundHttpRequest,
  type InboundMessage,
  type OutboundMessage,
  type SendResult,
  type StatusUpdate,
} from "../types";
import { classifyMetaError } from "./errors";

export const META_GRAPH_VERSION = "v21.0";
const SEND_TIMEOUT_MS = 15_000;

export function metaSendUrl(pageId: string): string {
  const base = (config().META_GRAPH_API_BASE_URL ?? "https://graph.facebook.com").replace(/\/+$/, "");
  return `${base}/${META_GRAPH_VERSION}/${encodeURIComponent(pageId)}/messages`;
}

/** The exact JSON body sent to the Send API (access token included, as a POST parameter rather than in the URL). */
export function buildMetaSendBody(input: OutboundMessage, connection: MetaConnection) {
  const links = input.mediaUrls?.length ? `\n\n${input.mediaUrls.join("\n")}` : "";
  return {
    recipient: { id: input.to },
    messaging_type: input.metaTag ? "MESSAGE_TAG" : "RESPONSE",
    ...(input.metaTag ? { tag: input.metaTag } : {}),
    message: {
      text: `${input.body}${links}`.trim(),
      ...(input.quickReplies?.length
        ? {
            quick_replies: input.quickReplies.map((q) => ({
              content_type: "text",
              title: q.title,
              payload: q.payload,
            })),
          }
        : {}),
    },
    access_token: connection.pageAccessToken,
    // Proves the token is used by our app; required when the app enables "Require App Secret".
    appsecret_proof: createHmac("sha256", connection.appSecret).update(connection.pageAccessToken).digest("hex"),
  };
}

async function send(input: OutboundMessage, connection: MetaConnection): Promise<SendResult> {
  if (connection.provider !== "META")
    return permanentFailure("PROVIDER_MISMATCH", "A non-Meta connection was given to the Meta adapter.");
  if (input.channel !== "MESSENGER" && input.channel !== "INSTAGRAM")
    return permanentFailure("UNSUPPORTED_CHANNEL", `Meta does not send ${input.channel} messages.`);
  if (!/^[A-Za-z0-9_-]+$/.test(input.to.trim()))
    return permanentFailure("INVALID_ADDRESS", "The recipient id is not valid.");
  if (!input.body.trim() && !input.mediaUrls?.length)
    return permanentFailure("EMPTY_MESSAGE", "The message has no text.");

  let res: Response;
  try {
    res = await fetch(metaSendUrl(connection.pageId), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(buildMetaSendBody({ ...input, to: input.to.trim() }, connection)),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    return (
      classifyNetworkError(err) ??
      permanentFailure("UNKNOWN", `Unexpected error sending through Meta: ${describeUnknown(err)}`)
    );
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) return classifyMetaError(res.status, body);
  const messageId = (body as { message_id?: unknown } | null)?.message_id;
  if (typeof messageId !== "string" || !messageId)
    return {
      ok: false,
      retryable: false,
      ambiguous: true,
      errorCode: "NO_MESSAGE_ID",
      errorMessage: "Meta answered without a message id; the message may have been sent.",
      status: "FAILED",
    };
  return { ok: true, providerMessageId: messageId, status: "SENT" };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the app secret. */
function verifySignature(req: InboundHttpRequest, connection: MetaConnection): boolean {
  const header = headerOf(req, "X-Hub-Signature-256");
  if (!header || !connection.appSecret) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const raw = typeof req.rawBody === "string" ? Buffer.from(req.rawBody, "utf8") : req.rawBody;
  const expected = createHmac("sha256", connection.appSecret).update(raw).digest("hex");
  return safeEqual(match[1].toLowerCase(), expected);
}

/**
 * Webhook subscription handshake (GET with hub.mode, hub.verify_token, hub.challenge):
 * the challenge to echo back, or null when the request must be refused (403).
 */
export function verifySubscription(
  query: URLSearchParams | Record<string, string | undefined>,
  verifyToken: string,
): string | null {
  const get = (k: string) => (query instanceof URLSearchParams ? query.get(k) : query[k]) ?? null;
  const mode = get("hub.mode");
  const token = get("hub.verify_token");
  const challenge = get("hub.challenge");
  if (mode !== "subscribe" || !token || !challenge || !verifyToken) return null;
  return safeEqual(token, verifyToken) ? challenge : null;
}

interface MetaMessagingEvent {
  sender?: { id?: string };
  recipient?: { id?: string };
  timestamp?: number;
  message?: {
    mid?: string;
    text?: string;
    is_echo?: boolean;
    is_deleted?: boolean;
    attachments?: Array<{ type?: string; payload?: { url?: string } | null }>;
    reply_to?: { mid?: string };
    quick_reply?: { payload?: string };
  };
  delivery?: { mids?: string[]; watermark?: number };
  read?: { mid?: string; watermark?: number };
}

interface MetaWebhookPayload {
  object?: string;
  entry?: Array<{ id?: string; time?: number; messaging?: MetaMessagingEvent[] }>;
}

function readPayload(req: InboundHttpRequest): { channel: Channel; events: MetaMessagingEvent[] } | null {
  let payload: MetaWebhookPayload;
  try {
    payload = JSON.parse(rawBodyText(req)) as MetaWebhookPayload;
  } catch {
    return null;
  }
  const channel: Channel | null =
    payload?.object === "page" ? "MESSENGER" : payload?.object === "instagram" ? "INSTAGRAM" : null;
  if (!channel || !Array.isArray(payload.entry)) return null;
  const events = payload.entry.flatMap((e) => (Array.isArray(e?.messaging) ? e.messaging : []));
  return { channel, events };
}

function parseInbound(req: InboundHttpRequest): InboundMessage[] {
  const parsed = readPayload(req);
  if (!parsed) return [];
  const out: InboundMessage[] = [];
  for (const event of parsed.events) {
    const m = event.message;
    // Echoes are our own sends (or the page's replies from Meta's inbox) coming back: never ingest them.
    if (!m || m.is_echo || m.is_deleted || !m.mid) continue;
    const from = event.sender?.id;
    const to = event.recipient?.id;
    if (!from || !to) continue;
    const mediaUrls = (m.attachments ?? [])
      .map((a) => a?.payload?.url)
      .filter((u): u is string => typeof u === "string");
    out.push({
      providerMessageId: m.mid,
      channel: parsed.channel,
      from,
      to,
      body: m.text ?? "",
      mediaUrls,
      ...(m.reply_to?.mid ? { inReplyTo: m.reply_to.mid } : {}),
      ...(typeof m.quick_reply?.payload === "string"
        ? { quickReplyPayload: m.quick_reply.payload.slice(0, 1000) }
        : {}),
      receivedAt: typeof event.timestamp === "number" ? new Date(event.timestamp) : new Date(),
    });
  }
  return out;
}

function parseStatus(req: InboundHttpRequest): StatusUpdate[] {
  const parsed = readPayload(req);
  if (!parsed) return [];
  const out: StatusUpdate[] = [];
  for (const event of parsed.events) {
    const customer = event.sender?.id; // delivery/read events come from the customer's side
    const occurredAt = typeof event.timestamp === "number" ? new Date(event.timestamp) : new Date();
    const recipient = customer ? { recipient: customer } : {};
    if (event.delivery) {
      const mids = event.delivery.mids ?? [];
      for (const mid of mids)
        out.push({ providerMessageId: mid, status: "DELIVERED", providerStatus: "delivery", occurredAt, ...recipient });
      if (!mids.length && typeof event.delivery.watermark === "number")
        out.push({
          providerMessageId: null,
          status: "DELIVERED",
          providerStatus: "delivery",
          occurredAt,
          ...recipient,
          watermark: { before: new Date(event.delivery.watermark) },
        });
    }
    if (event.read) {
      if (event.read.mid)
        out.push({
          providerMessageId: event.read.mid,
          status: "READ",
          providerStatus: "read",
          occurredAt,
          ...recipient,
        });
      else if (typeof event.read.watermark === "number")
        out.push({
          providerMessageId: null,
          status: "READ",
          providerStatus: "read",
          occurredAt,
          ...recipient,
          watermark: { before: new Date(event.read.watermark) },
        });
    }
  }
  return out;
}

export const metaAdapter: ChannelAdapter<MetaConnection> = {
  provider: "META",
  channels: ["MESSENGER", "INSTAGRAM"],
  send,
  verifySignature,
  parseInbound,
  parseStatus,
};
