// Mail Send API errors: 429/5xx are worth retrying; 4xx carry SendGrid's errors[].message.
import {
  classifyNetworkError,
  describeUnknown,
  permanentFailure,
  retryableFailure,
  serverErrorFailure,
} from "../failures";
import type { SendFailure } from "../types";

interface ResponseErrorLike {
  code?: unknown;
  message?: string;
  response?: { body?: unknown };
}

function sendGridMessages(body: unknown): string[] {
  const errors = (body as { errors?: Array<{ message?: unknown; field?: unknown }> } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e) =>
      typeof e?.message === "string"
        ? typeof e.field === "string" && e.field
          ? `${e.field}: ${e.message}`
          : e.message
        : "",
    )
    .filter(Boolean);
}

/** Classifies whatever @sendgrid/mail threw from send(). */
export function classifySendGridError(err: unknown): SendFailure {
  const e = err as ResponseErrorLike | null;
  const http = typeof e?.code === "number" ? e.code : undefined;
  if (http !== undefined && e?.response) {
    const messages = sendGridMessages(e.response.body);
    const detail = messages.join("; ") || e.message || `HTTP ${http}`;
    const errorCode = `http_${http}`;
    if (http === 429)
      return retryableFailure(errorCode, "SendGrid is rate limiting this account; the email will be retried.");
    if (http >= 500) return serverErrorFailure(http, errorCode, detail);
    if (http === 401 || http === 403)
      return permanentFailure(errorCode, `SendGrid refused the API key (reconnect SendGrid in Channels): ${detail}`);
    if (http === 413) return permanentFailure(errorCode, `The email is too large for SendGrid: ${detail}`);
    return permanentFailure(errorCode, `SendGrid rejected the email: ${detail}`);
  }
  return (
    classifyNetworkError(err) ??
    permanentFailure("UNKNOWN", `Unexpected error sending through SendGrid: ${describeUnknown(err)}`)
  );
}
