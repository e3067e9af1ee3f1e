// EMAIL through SendGrid: Mail Send via @sendgrid/mail, Event Webhook for statuses, Inbound Parse for replies.
import { createHash } from "node:crypto";
import { EventWebhook } from "@sendgrid/eventwebhook";
import type { MailDataRequired, MailService } from "@sendgrid/mail";
import { config } from "../../config.server";
import { ClientCache } from "../client-cache";
import { normaliseEmail } from "../../customers/addresses";
import type { SendGridConnection } from "../credentials.server";
import { permanentFailure } from "../failures";
import {
  formValue,
  headerOf,
  rawBodyText,
  type ChannelAdapter,
  type InboundHttpRequest,
  type InboundMessage,
  type OutboundMessage,
  type SendResult,
  type StatusUpdate,
} from "../types";
import { classifySendGridError } from "./errors";
import { htmlToText, messageIdsIn, parseAddressList, parseHeaderBlock, splitQuotedReply } from "./inbound-email";
import { createSendGridMailClient } from "./mail-client.server";
import { mapSendGridEvent, sendGridConsentSignal, sendGridEventReason, type SendGridEventFields } from "./status";

/** custom_args key carrying our Message.id; SendGrid echoes it as a top-level key on every event. */
export const SENDGRID_MESSAGE_ID_ARG = "threadline_message_id";
export const SENDGRID_SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
export const SENDGRID_TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

const clients = new ClientCache<MailService>();

function clientFor(connection: SendGridConnection): MailService {
  const baseUrl = config().SENDGRID_API_BASE_URL;
  return clients.getFor(connection, [connection.apiKey, baseUrl], () =>
    createSendGridMailClient({ apiKey: connection.apiKey, baseUrl, timeoutMs: 30_000 }),
  );
}

async function send(input: OutboundMessage, connection: SendGridConnection): Promise<SendResult> {
  if (connection.provider !== "SENDGRID")
    return permanentFailure("PROVIDER_MISMATCH", "A non-SendGrid connection was given to the SendGrid adapter.");
  if (input.channel !== "EMAIL")
    return permanentFailure("UNSUPPORTED_CHANNEL", `SendGrid does not send ${input.channel} messages.`);
  const to = normaliseEmail(input.to);
  if (!to) return permanentFailure("INVALID_ADDRESS", "The email address is not valid.");
  if (!input.body.trim()) return permanentFailure("EMPTY_MESSAGE", "The email has no text.");
  const replyTo = input.replyTo ? normaliseEmail(input.replyTo) : null;
  if (input.replyTo && !replyTo) return permanentFailure("INVALID_ADDRESS", "The reply-to address is not valid.");

  const mail: MailDataRequired = {
    to: { email: to },
    from: connection.fromName
      ? { email: connection.fromEmail, name: connection.fromName }
      : { email: connection.fromEmail },
    ...(replyTo ? { replyTo: { email: replyTo } } : {}),
    subject: input.subject?.trim() || "(no subject)",
    // text/plain always; text/html only when our template rendered one.
    content: [
      { type: "text/plain", value: input.body },
      ...(input.html ? [{ type: "text/html", value: input.html }] : []),
    ],
    customArgs: { [SENDGRID_MESSAGE_ID_ARG]: input.messageId },
    ...(input.headers && Object.keys(input.headers).length ? { headers: input.headers } : {}),
    ...(input.asmGroupId != null ? { asm: { groupId: input.asmGroupId } } : {}),
  } as MailDataRequired;

  try {
    const client = clientFor(connection);
    const [response] = await client.send(mail);
    const header = response.headers?.["x-message-id"] ?? response.headers?.["X-Message-Id"];
    const providerMessageId = Array.isArray(header) ? header[0] : header;
    // Without X-Message-Id (never seen from the real API) events still match on threadline_message_id.
    return {
      ok: true,
      providerMessageId: typeof providerMessageId === "string" ? providerMessageId : "",
      status: "QUEUED",
    };
  } catch (err) {
    return classifySendGridError(err);
  }
}

/** Event Webhook signature: ECDSA P-256 over timestamp + the raw body, with the account's verification key. */
function verifySignature(req: InboundHttpRequest, connection: SendGridConnection): boolean {
  const signature = headerOf(req, SENDGRID_SIGNATURE_HEADER);
  const timestamp = headerOf(req, SENDGRID_TIMESTAMP_HEADER);
  const publicKey = connection.eventWebhookPublicKey;
  if (!signature || !timestamp || !publicKey) return false;
  try {
    const ew = new EventWebhook();
    return ew.verifySignature(ew.convertPublicKeyToECDSA(publicKey), req.rawBody, signature, timestamp);
  } catch {
    return false;
  }
}

type SendGridEventPayload = SendGridEventFields & {
  sg_message_id?: string;
  sg_event_id?: string;
  email?: string;
  timestamp?: number;
  [key: string]: unknown;
};

function parseStatus(req: InboundHttpRequest): StatusUpdate[] {
  let events: unknown;
  try {
    events = JSON.parse(rawBodyText(req));
  } catch {
    return [];
  }
  if (!Array.isArray(events)) return [];
  const out: StatusUpdate[] = [];
  for (const raw of events as SendGridEventPayload[]) {
    if (!raw || typeof raw !== "object") continue;
    const status = mapSendGridEvent(raw.event, raw.type);
    if (!status || !raw.event) continue;
    const providerMessageId = typeof raw.sg_message_id === "string" ? raw.sg_message_id.split(".")[0] : null;
    const ourMessageId =
      typeof raw[SENDGRID_MESSAGE_ID_ARG] === "string" ? (raw[SENDGRID_MESSAGE_ID_ARG] as string) : undefined;
    if (!providerMessageId && !ourMessageId) continue;
    const failed = status === "FAILED" || status === "UNDELIVERED";
    const reason = sendGridEventReason(raw);
    const consent = sendGridConsentSignal(raw);
    const seconds = typeof raw.timestamp === "number" ? raw.timestamp : Number(raw.timestamp);
    out.push({
      providerMessageId,
      ...(ourMessageId ? { ourMessageId } : {}),
      status,
      providerStatus: raw.event,
      ...(failed ? { errorCode: raw.event === "bounce" ? `bounce:${raw.type ?? "bounce"}` : raw.event } : {}),
      ...(reason ? { errorMessage: reason } : {}),
      occurredAt: Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(),
      ...(typeof raw.sg_event_id === "string" ? { providerEventId: raw.sg_event_id } : {}),
      ...(typeof raw.email === "string" ? { recipient: raw.email.toLowerCase() } : {}),
      ...(consent ? { consent } : {}),
    });
  }
  return out;
}

/** Inbound Parse: the route hands over the multipart fields (request.formData()) as req.form. */
function parseInbound(req: InboundHttpRequest): InboundMessage[] {
  const form = req.form;
  if (!form) return [];
  const headers = parseHeaderBlock(formValue(form, "headers"));
  const header = (name: string) => headers.get(name)?.[0];

  const [sender] = parseAddressList(formValue(form, "from") ?? header("from"));
  let envelope: { to?: unknown; from?: unknown } = {};
  try {
    envelope = JSON.parse(formValue(form, "envelope") ?? "{}") ?? {};
  } catch {
    envelope = {};
  }
  const envelopeFrom = typeof envelope.from === "string" ? normaliseEmail(envelope.from) : null;
  const from = sender?.email ?? envelopeFrom;
  // The envelope says which of our addresses actually received it (the To header may list others).
  const envelopeTo = Array.isArray(envelope.to)
    ? envelope.to.map((t) => normaliseEmail(String(t))).find(Boolean)
    : null;
  const to = envelopeTo ?? parseAddressList(formValue(form, "to") ?? header("to"))[0]?.email;
  if (!from || !to) return [];

  const text = formValue(form, "text") ?? "";
  const html = formValue(form, "html") ?? "";
  const { body, fullBody } = splitQuotedReply(text.trim() ? text : htmlToText(html));
  const subject = formValue(form, "subject") ?? header("subject");
  const messageId = messageIdsIn(header("message-id"))[0];
  const inReplyTo = messageIdsIn(header("in-reply-to"))[0];
  const references = messageIdsIn(headers.get("references")?.join(" "));
  const providerMessageId =
    messageId ??
    `sha256:${createHash("sha256")
      .update(`${formValue(form, "headers") ?? ""}\n${from}\n${to}\n${text}\n${html}`)
      .digest("hex")}`;

  return [
    {
      providerMessageId,
      channel: "EMAIL",
      from,
      to,
      body,
      ...(fullBody ? { fullBody } : {}),
      mediaUrls: [],
      ...(sender?.name ? { profileName: sender.name } : {}),
      ...(subject ? { subject } : {}),
      ...(inReplyTo ? { inReplyTo } : {}),
      ...(references.length ? { references } : {}),
      receivedAt: new Date(),
    },
  ];
}

export const sendGridAdapter: ChannelAdapter<SendGridConnection> = {
  provider: "SENDGRID",
  channels: ["EMAIL"],
  send,
  verifySignature,
  parseInbound,
  parseStatus,
};
