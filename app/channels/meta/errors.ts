// Graph API Send errors: rate limits and outages are worth retrying; policy errors get plain reasons.
import { permanentFailure, retryableFailure, serverErrorFailure } from "../failures";
import type { SendFailure } from "../types";

export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Graph codes that mean "slow down" (app, user, page and Send API limits) or a transient fault. */
const RETRYABLE_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80001, 80006]);

const REASONS: Array<{ code: number; subcode?: number; reason: string }> = [
  {
    code: 10,
    subcode: 2018278,
    reason:
      "Meta only allows replies within 24 hours of the customer's last message (7 days when a staff member replies with the human-agent tag).",
  },
  { code: 10, subcode: 2018065, reason: "The page is not allowed to message this person." },
  { code: 10, subcode: 2018108, reason: "This person cannot receive messages from the page." },
  { code: 551, reason: "This person isn't available to receive messages right now." },
  { code: 100, subcode: 2018001, reason: "The recipient could not be found for this page." },
  { code: 190, reason: "The page access token is invalid or expired; reconnect the page in Channels." },
  { code: 200, reason: "The page has not granted the messaging permission; reconnect the page in Channels." },
  { code: 230, reason: "The page has not granted the messaging permission; reconnect the page in Channels." },
];

export function metaErrorCode(e: GraphError): string {
  return e.error_subcode != null ? `${e.code}/${e.error_subcode}` : String(e.code ?? "unknown");
}

export function metaErrorReason(e: GraphError): string {
  const hit =
    REASONS.find((r) => r.code === e.code && r.subcode !== undefined && r.subcode === e.error_subcode) ??
    REASONS.find((r) => r.code === e.code && r.subcode === undefined);
  return hit?.reason ?? `Meta rejected the message: ${e.message ?? `error ${metaErrorCode(e)}`}`;
}

/** Classifies a non-2xx Graph answer. */
export function classifyMetaError(httpStatus: number, body: unknown): SendFailure {
  const e = ((body as { error?: GraphError } | null)?.error ?? {}) as GraphError;
  const errorCode = e.code != null ? metaErrorCode(e) : `http_${httpStatus}`;
  if (httpStatus === 429 || (e.code != null && RETRYABLE_CODES.has(e.code)) || e.is_transient)
    return retryableFailure(
      errorCode,
      `Meta is rate limiting or temporarily unavailable; the message will be retried (${e.message ?? `HTTP ${httpStatus}`}).`,
    );
  if (httpStatus >= 500) return serverErrorFailure(httpStatus, errorCode, e.message);
  return permanentFailure(errorCode, metaErrorReason(e));
}
