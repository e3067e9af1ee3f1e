// SMS and WhatsApp through Twilio Programmable Messaging, sent with the real twilio-node SDK.
import twilio from "twilio";
import { config } from "../../config.server";
import { normalisePhone } from "../../customers/addresses";
import { boundedMemo } from "../../lib/bounded-memo";
import { ClientCache } from "../client-cache";
import type { TwilioConnection } from "../credentials.server";
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
import { classifyTwilioError, twilioErrorReason } from "./errors";
import { createTwilioClient } from "./http-client.server";
import { mapTwilioStatus } from "./status";

/** Query parameter carrying our Message.id on status callback URLs. */
export const TWILIO_MESSAGE_ID_PARAM = "threadline_message_id";

const clients = new ClientCache<twilio.Twilio>();

function clientFor(connection: TwilioConnection): twilio.Twilio {
  const baseUrl = config().TWILIO_API_BASE_URL;
  return clients.getFor(connection, [connection.accountSid, connection.authToken, baseUrl], () =>
    createTwilioClient({ accountSid: connection.accountSid, authToken: connection.authToken, baseUrl }),
  );
}

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;
const NANP_E164 = /^\+1[2-9]\d{9}$/;

/** E.164 for a Twilio address ("+1…", "whatsapp:+1…", national formats); null when it is not a phone number. */
export function twilioAddressToE164(raw: string | null | undefined, defaultCountry?: string): string | null {
  if (!raw) return null;
  const bare = raw.trim().replace(/^(whatsapp|sms|mms):/i, "");
  // A NANP number written "+1" and ten digits starting 2–9 is its own E.164 form: valid, normalising
  // returns it unchanged; invalid, the shape check below returns it unchanged. Parsing decides
  // nothing for it, and for +1 it is the costliest parse (some 25 countries share the code).
  if (NANP_E164.test(bare)) return bare;
  return normalisePhone(bare, defaultCountry) ?? (E164_SHAPE.test(bare) ? bare : null);
}

function formOf(req: InboundHttpRequest): Record<string, string | string[]> {
  if (req.form) return req.form;
  const out: Record<string, string | string[]> = {};
  const params = new URLSearchParams(rawBodyText(req));
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

// The callback URL is the same for every message of a connection: parsed once, not per send.
const callbackBases = boundedMemo(100, (url: string) => {
  const target = new URL(url);
  return target.search || target.hash ? null : target.toString();
});

function withMessageId(url: string, messageId: string): string {
  const base = callbackBases(url);
  if (base !== null) return `${base}?${new URLSearchParams({ [TWILIO_MESSAGE_ID_PARAM]: messageId })}`;
  const target = new URL(url);
  target.searchParams.set(TWILIO_MESSAGE_ID_PARAM, messageId);
  return target.toString();
}

async function send(input: OutboundMessage, connection: TwilioConnection): Promise<SendResult> {
  if (connection.provider !== "TWILIO")
    return permanentFailure("PROVIDER_MISMATCH", "A non-Twilio connection was given to the Twilio adapter.");
  if (input.channel !== "SMS" && input.channel !== "WHATSAPP")
    return permanentFailure("UNSUPPORTED_CHANNEL", `Twilio does not send ${input.channel} messages.`);
  const whatsapp = input.channel === "WHATSAPP";

  const phone = twilioAddressToE164(input.to);
  if (!phone) return permanentFailure("INVALID_ADDRESS", "The number is not a valid phone number.");
  const to = whatsapp ? `whatsapp:${phone}` : phone;

  let from: string | undefined;
  let messagingServiceSid: string | undefined;
  if (whatsapp && connection.whatsappFrom) from = `whatsapp:${connection.whatsappFrom}`;
  else if (connection.messagingServiceSid) messagingServiceSid = connection.messagingServiceSid;
  else if (!whatsapp && connection.fromNumber) from = connection.fromNumber;
  if (!from && !messagingServiceSid)
    return permanentFailure("MISSING_SENDER", `No ${whatsapp ? "WhatsApp" : "SMS"} sender is configured for Twilio.`);

  const template = whatsapp ? input.whatsappTemplate : undefined;
  const mediaUrl = input.mediaUrls?.length ? input.mediaUrls : undefined;
  if (!template && !input.body.trim() && !mediaUrl)
    return permanentFailure("EMPTY_MESSAGE", "The message has no text.");

  try {
    const client = clientFor(connection);
    const created = await client.messages.create({
      to,
      ...(from ? { from } : { messagingServiceSid }),
      ...(template
        ? { contentSid: template.contentSid, contentVariables: JSON.stringify(template.variables) }
        : { body: input.body }),
      ...(mediaUrl ? { mediaUrl } : {}),
      ...(input.statusCallbackUrl ? { statusCallback: withMessageId(input.statusCallbackUrl, input.messageId) } : {}),
    });
    const status = mapTwilioStatus(created.status) ?? "QUEUED";
    if (status === "FAILED" || status === "UNDELIVERED") {
      const code = created.errorCode != null ? String(created.errorCode) : created.status;
      return permanentFailure(code, twilioErrorReason(created.errorCode, created.errorMessage ?? undefined), status);
    }
    return { ok: true, providerMessageId: created.sid, status };
  } catch (err) {
    return classifyTwilioError(err);
  }
}

function verifySignature(req: InboundHttpRequest, connection: TwilioConnection): boolean {
  const signature = headerOf(req, "X-Twilio-Signature");
  if (!signature || !connection.authToken) return false;
  try {
    return twilio.validateRequest(connection.authToken, signature, req.url, formOf(req));
  } catch {
    return false;
  }
}

function parseInbound(req: InboundHttpRequest): InboundMessage[] {
  const form = formOf(req);
  const sid = formValue(form, "MessageSid") ?? formValue(form, "SmsMessageSid") ?? formValue(form, "SmsSid");
  const rawFrom = formValue(form, "From");
  if (!sid || !rawFrom) return [];
  // A status callback posted to the inbound URL is not a message.
  const status = formValue(form, "MessageStatus") ?? formValue(form, "SmsStatus");
  if (status && mapTwilioStatus(status) !== "RECEIVED") return [];

  const whatsapp = /^whatsapp:/i.test(rawFrom);
  const numMedia = Number(formValue(form, "NumMedia") ?? "0") || 0;
  const mediaUrls: string[] = [];
  for (let i = 0; i < numMedia; i++) {
    const url = formValue(form, `MediaUrl${i}`);
    if (url) mediaUrls.push(url);
  }
  const waId = formValue(form, "WaId");
  const from =
    twilioAddressToE164(rawFrom) ??
    (waId ? twilioAddressToE164(`+${waId}`) : null) ??
    rawFrom.replace(/^whatsapp:/i, "");
  const rawTo = formValue(form, "To") ?? "";
  const profileName = formValue(form, "ProfileName");
  return [
    {
      providerMessageId: sid,
      channel: whatsapp ? "WHATSAPP" : "SMS",
      from,
      to: twilioAddressToE164(rawTo) ?? rawTo.replace(/^whatsapp:/i, ""),
      body: formValue(form, "Body") ?? "",
      mediaUrls,
      ...(profileName ? { profileName } : {}),
      receivedAt: new Date(),
    },
  ];
}

function parseStatus(req: InboundHttpRequest): StatusUpdate[] {
  const form = formOf(req);
  const sid = formValue(form, "MessageSid") ?? formValue(form, "SmsSid");
  const providerStatus = formValue(form, "MessageStatus") ?? formValue(form, "SmsStatus");
  const status = mapTwilioStatus(providerStatus);
  if (!sid || !providerStatus || !status || status === "RECEIVED") return [];
  let ourMessageId: string | undefined;
  try {
    ourMessageId = new URL(req.url).searchParams.get(TWILIO_MESSAGE_ID_PARAM) ?? undefined;
  } catch {
    ourMessageId = undefined;
  }
  const errorCode = formValue(form, "ErrorCode") || undefined;
  const failed = status === "FAILED" || status === "UNDELIVERED";
  const to = formValue(form, "To");
  return [
    {
      providerMessageId: sid,
      ...(ourMessageId ? { ourMessageId } : {}),
      status,
      providerStatus,
      ...(errorCode ? { errorCode } : {}),
      ...(errorCode || failed
        ? {
            errorMessage:
              providerStatus === "canceled"
                ? "The scheduled message was cancelled."
                : twilioErrorReason(errorCode, formValue(form, "ErrorMessage")),
          }
        : {}),
      occurredAt: new Date(),
      ...(to ? { recipient: twilioAddressToE164(to) ?? to } : {}),
    },
  ];
}

export const twilioAdapter: ChannelAdapter<TwilioConnection> = {
  provider: "TWILIO",
  channels: ["SMS", "WHATSAPP"],
  send,
  verifySignature,
  parseInbound,
  parseStatus,
};
