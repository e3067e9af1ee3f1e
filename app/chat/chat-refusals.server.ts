// The answers the chat routes give when a caller may not do what they asked: one log line each,
// and a JSON body with a `code` the widget acts on (it starts a fresh visitor on `visitor_secret_*`,
// and shows its own localized words for `rate_limited` and `busy`).
import { logger } from "../lib/logger.server";
import { CHAT_MESSAGES_PER_MINUTE, type Admission } from "./chat-admission.server";
import { chatJson } from "./proxy-auth.server";
import { VisitorSecretError, type VisitorSecretProblem } from "./visitor-secret.server";

export function visitorSecretRefusal(problem: VisitorSecretProblem, shopId: string, route: string): Response {
  logger.warn({ shopId, route, problem }, "chat request without the visitor's secret refused");
  return problem === "missing"
    ? chatJson({ error: "This chat needs its visitor secret.", code: "visitor_secret_required" }, 401)
    : chatJson({ error: "This chat belongs to another browser.", code: "visitor_secret_mismatch" }, 403);
}

export function admissionRefusal(admission: Exclude<Admission, { ok: true }>, shopId: string, route: string) {
  if (admission.reason === "secret") return visitorSecretRefusal(admission.problem, shopId, route);
  logger.info({ shopId, route, counter: admission.counter }, "chat message over a rate limit");
  const response =
    admission.scope === "visitor"
      ? {
          error: `You're sending messages faster than we can read them (${CHAT_MESSAGES_PER_MINUTE} a minute). Please wait a moment and try again.`,
          code: "rate_limited",
        }
      : {
          error: "We're receiving a lot of new chats right now. Please try again in a few minutes.",
          code: "busy",
        };
  const res = chatJson(response, 429);
  res.headers.set("Retry-After", "60");
  return res;
}

/** Runs a chat domain call, answering 401/403 when it finds the caller lacks the visitor's secret. */
export async function withVisitorSecret<T>(
  shopId: string,
  route: string,
  work: () => Promise<T>,
): Promise<T | Response> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof VisitorSecretError) return visitorSecretRefusal(err.problem, shopId, route);
    throw err;
  }
}
