// The contract every messaging provider adapter implements (one adapter per provider, each
// serving one or more of our Channels). The flows engine and the unified inbox only ever talk
// to providers through this interface; vendor wire formats stay inside app/channels/<provider>/.
import type { Channel, ChannelProvider, DeliveryStatus } from "../generated/prisma/enums";
import type { ConnectionCredentials } from "./credentials.server";

export type { Channel, ChannelProvider, DeliveryStatus };
export type { ConnectionCredentials };

export interface OutboundMessage {
  /** Our Message.id; echoed back by providers that support custom args (SendGrid) or via the status URL (Twilio). */
  messageId: string;
  channel: Channel;
  /** Recipient: E.164 phone (SMS/WhatsApp, "whatsapp:" prefix optional), email, or platform-scoped id (Meta PSID/IGSID). */
  to: string;
  /** Plain text. Always required; for email it is the text/plain part. */
  body: string;
  /** Email only. */
  subject?: string;
  /** Email only. Rendered from OUR templates; never put customer-supplied text here unescaped. */
  html?: string;
  mediaUrls?: string[];
  /** Twilio only: where status callbacks go. The adapter appends `threadline_message_id=<messageId>`. */
  statusCallbackUrl?: string;
  /** WhatsApp outside the 24-hour window: an approved Content API template. */
  whatsappTemplate?: { contentSid: string; variables: Record<string, string> };
  /** Email only: extra headers such as List-Unsubscribe / List-Unsubscribe-Post / In-Reply-To. */
  headers?: Record<string, string>;
  /** Email only: per-conversation reply address. */
  replyTo?: string;
  /** Email only: SendGrid unsubscribe group (marketing mail). */
  asmGroupId?: number;
  /** Meta only: send with the HUMAN_AGENT tag (staff replies up to 7 days after the customer's last message). */
  metaTag?: "HUMAN_AGENT";
  /** Meta only: buttons under the text (message.quick_replies); the tap comes back as the payload. */
  quickReplies?: Array<{ title: string; payload: string }>;
  /**
   * Message.idempotencyKey. None of the three providers de-duplicates sends, so the adapter cannot
   * make a retry safe on its own: the caller must claim the key (PENDING row) before calling send().
   */
  idempotencyKey: string;
}

export type SendResult = SendSuccess | SendFailure;

export interface SendSuccess {
  ok: true;
  providerMessageId: string;
  status: DeliveryStatus;
}

export interface SendFailure {
  ok: false;
  /** Safe to try again later (rate limit, provider outage, network). */
  retryable: boolean;
  /**
   * The request may have reached the provider before it failed (timeout, connection reset, 500/502/504):
   * a retry could deliver twice. Callers should park such messages as NEEDS_REVIEW rather than resend blindly.
   */
  ambiguous: boolean;
  /** Provider code as a string ("21211", "http_400", "10/2018278") or one of ours (LocalErrorCode / a network errno). */
  errorCode: string;
  /** Plain English, fit to show a merchant. */
  errorMessage: string;
  status: "FAILED" | "UNDELIVERED";
}

/** Error codes produced by the adapters themselves, before or without a provider answer. */
export type LocalErrorCode =
  | "INVALID_ADDRESS"
  | "MISSING_SENDER"
  | "PROVIDER_MISMATCH"
  | "UNSUPPORTED_CHANNEL"
  | "EMPTY_MESSAGE"
  | "NETWORK"
  | "UNKNOWN";

export interface InboundHttpRequest {
  /** Full public URL the provider called (scheme, host, path, query), as the provider signed it. */
  url: string;
  /** Header names in any case; lookups are case-insensitive. */
  headers: Record<string, string>;
  /** Exactly the bytes received (signatures are computed over them). */
  rawBody: string | Buffer;
  /** Already-parsed form fields (Twilio urlencoded bodies, SendGrid Inbound Parse multipart). */
  form?: Record<string, string | string[]>;
}

export interface InboundMessage {
  providerMessageId: string;
  channel: Channel;
  /** Normalised: E.164 phone (SMS and WhatsApp alike, no "whatsapp:" prefix), lower-case email, or platform id. */
  from: string;
  /** Our address it was sent to, normalised the same way. */
  to: string;
  /** For email: the new text only, quoted history folded out (see fullBody). */
  body: string;
  /** Email: the whole text when quoted history was folded out of body. */
  fullBody?: string;
  mediaUrls: string[];
  profileName?: string;
  subject?: string;
  inReplyTo?: string;
  references?: string[];
  /** Meta only: the payload of the quick reply the customer tapped. */
  quickReplyPayload?: string;
  receivedAt: Date;
}

/** A change to consent the provider reported alongside a status (SendGrid unsubscribe / spam report). */
export interface ConsentSignal {
  action: "REVOKED" | "GRANTED";
  reason: "unsubscribe" | "group_unsubscribe" | "group_resubscribe" | "spamreport";
  asmGroupId?: number;
}

export interface StatusUpdate {
  /**
   * The provider's id of OUR outbound message. null only for watermark updates (Messenger read
   * receipts carry no message id), which then carry `watermark`.
   */
  providerMessageId: string | null;
  /** Our Message.id when the provider echoes it (SendGrid custom arg, Twilio status URL). */
  ourMessageId?: string;
  status: DeliveryStatus;
  /** The vendor's own status/event name, for logs and timelines. */
  providerStatus: string;
  errorCode?: string;
  errorMessage?: string;
  occurredAt: Date;
  /** Provider event id when it has one (SendGrid sg_event_id), for de-duplication. */
  providerEventId?: string;
  /** Who the event concerns (email address, phone, PSID). */
  recipient?: string;
  consent?: ConsentSignal;
  /** Meta: every message we sent to `recipient` before `before` reached `status`. */
  watermark?: { before: Date };
}

export interface ChannelAdapter<C extends ConnectionCredentials = ConnectionCredentials> {
  provider: ChannelProvider;
  channels: readonly Channel[];
  /** Never throws for provider or network failures: they come back as { ok: false }. */
  send(input: OutboundMessage, connection: C): Promise<SendResult>;
  /** Authenticity of a webhook; false whenever a needed secret or header is missing. */
  verifySignature(req: InboundHttpRequest, connection: C): boolean;
  parseInbound(req: InboundHttpRequest): InboundMessage[];
  parseStatus(req: InboundHttpRequest): StatusUpdate[];
}

/** Case-insensitive header lookup. */
export function headerOf(req: Pick<InboundHttpRequest, "headers">, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function rawBodyText(req: Pick<InboundHttpRequest, "rawBody">): string {
  return typeof req.rawBody === "string" ? req.rawBody : req.rawBody.toString("utf8");
}

/** First value of a form field. */
export function formValue(form: InboundHttpRequest["form"], key: string): string | undefined {
  const v = form?.[key];
  return Array.isArray(v) ? v[0] : v;
}
