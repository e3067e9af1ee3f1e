// Twilio error codes: which are worth retrying, and plain-English reasons for the rest.
// Covers both API errors (thrown on create) and delivery errors (ErrorCode on status callbacks).
import {
  classifyNetworkError,
  describeUnknown,
  permanentFailure,
  retryableFailure,
  serverErrorFailure,
} from "../failures";
import type { SendFailure } from "../types";

export const TWILIO_ERROR_REASONS: Record<number, string> = {
  20003: "Twilio rejected the account credentials; reconnect Twilio in Channels.",
  20404: "Twilio could not find the resource (check the Account SID or Messaging Service).",
  21211: "The number is not a valid phone number.",
  21408: "Sending to this number's country is not enabled on the Twilio account.",
  21602: "The message has no text.",
  21603: "No sender number is configured.",
  21604: "No recipient number was given.",
  21606: "The sender number cannot send SMS to this recipient.",
  21610: "The recipient replied STOP and cannot be messaged.",
  21612: "The number cannot be reached from the sender number (carrier or route not supported).",
  21614: "The number is not a mobile number and cannot receive text messages.",
  21617: "The message is too long (over 1,600 characters).",
  21635: "The number is not a valid mobile number.",
  30003: "The recipient's phone is switched off or unreachable.",
  30004: "The recipient's carrier blocked the message.",
  30005: "The number does not exist or is no longer in service.",
  30006: "The number is a landline or cannot receive text messages.",
  30007: "The carrier filtered the message as spam.",
  30008: "The carrier could not deliver the message for an unknown reason.",
  63003: "The WhatsApp recipient could not be found.",
  63016:
    "WhatsApp only allows free-form messages within 24 hours of the customer's last message; use an approved template.",
  63024: "The recipient is not a valid WhatsApp user.",
  63030: "The WhatsApp template parameters are not valid.",
  63032: "WhatsApp did not deliver the message to this user.",
};

const RETRYABLE_CODES = new Set([20429, 20500, 20503, 30001]);

export function twilioErrorReason(code: number | string | null | undefined, fallback?: string): string {
  const n = typeof code === "string" ? Number(code) : code;
  return (
    (n != null && TWILIO_ERROR_REASONS[n]) ||
    fallback ||
    (code != null ? `Twilio error ${code}.` : "Twilio reported an error.")
  );
}

interface RestLike {
  status?: number;
  code?: number;
  message?: string;
}

function isRestException(err: unknown): err is RestLike & { status: number } {
  return !!err && typeof err === "object" && typeof (err as RestLike).status === "number";
}

/** Classifies whatever twilio-node threw from messages.create(). */
export function classifyTwilioError(err: unknown): SendFailure {
  if (isRestException(err)) {
    const http = err.status;
    const code = err.code;
    const errorCode = code != null ? String(code) : `http_${http}`;
    if (http === 429 || (code != null && RETRYABLE_CODES.has(code)))
      return retryableFailure(errorCode, "Twilio is rate limiting this account; the message will be retried.");
    if (http >= 500) return serverErrorFailure(http, errorCode, err.message);
    return permanentFailure(errorCode, twilioErrorReason(code, err.message));
  }
  return (
    classifyNetworkError(err) ??
    permanentFailure("UNKNOWN", `Unexpected error sending through Twilio: ${describeUnknown(err)}`)
  );
}
