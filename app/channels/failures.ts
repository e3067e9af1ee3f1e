// Building SendFailure values and classifying transport-level errors the same way for every provider.
import type { SendFailure } from "./types";

export function permanentFailure(
  errorCode: string,
  errorMessage: string,
  status: SendFailure["status"] = "FAILED",
): SendFailure {
  return { ok: false, retryable: false, ambiguous: false, errorCode, errorMessage, status };
}

export function retryableFailure(errorCode: string, errorMessage: string, ambiguous = false): SendFailure {
  return { ok: false, retryable: true, ambiguous, errorCode, errorMessage, status: "FAILED" };
}

// Failed before a byte reached the provider: a retry cannot duplicate anything.
const NOT_SENT_ERRNOS = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_INVALID_URL",
]);
// Failed after the request may have been received.
const IN_FLIGHT_ERRNOS = new Set([
  "ETIMEDOUT",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ESOCKETTIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ERR_CANCELED",
]);

function errnoOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A transport error (no HTTP answer at all), or undefined when `err` is something else.
 * Every transport error is retryable; only those after the request left us are ambiguous.
 */
export function classifyNetworkError(err: unknown): SendFailure | undefined {
  const errno = errnoOf(err);
  const name = (err as { name?: string } | null)?.name;
  if (errno && NOT_SENT_ERRNOS.has(errno))
    return retryableFailure(errno, `Could not reach the provider (${errno}); the message was not sent.`, false);
  if (errno && IN_FLIGHT_ERRNOS.has(errno))
    return retryableFailure(
      errno,
      `The connection to the provider broke off (${errno}); the message may or may not have been sent.`,
      true,
    );
  if (name === "AbortError" || name === "TimeoutError")
    return retryableFailure(
      "TIMEOUT",
      "The provider did not answer in time; the message may or may not have been sent.",
      true,
    );
  if (errno || (err instanceof TypeError && /fetch failed/i.test(err.message)))
    return retryableFailure(
      errno ?? "NETWORK",
      `Network error talking to the provider: ${(err as Error).message}`,
      true,
    );
  return undefined;
}

/** 5xx: retryable; 503 means "not processed", the others may have been. */
export function serverErrorFailure(httpStatus: number, errorCode: string, detail?: string): SendFailure {
  const ambiguous = httpStatus !== 503;
  const text = `The provider had a temporary problem (HTTP ${httpStatus})${detail ? `: ${detail}` : ""}.`;
  return retryableFailure(errorCode, text, ambiguous);
}

export function describeUnknown(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
