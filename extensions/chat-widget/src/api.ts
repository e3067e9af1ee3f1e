import type { ChatCsat, ChatMessage, Page } from "./types";
import type { Visitor } from "./visitor";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface MessagesPage {
  messages: ChatMessage[];
  cursor: string | null;
  /** The shop calendar's verdict (absent from an older server): wins over the theme editor's hours. */
  hours?: { open: boolean; nextOpening: string | null };
  /** The satisfaction survey to show (absent from an older server, null when none). */
  csat?: ChatCsat | null;
}

export interface CsatAnswer {
  surveyId: string;
  score: number;
  comment?: string;
}

export interface SendBody {
  visitorId: string;
  visitorSecret: string;
  text: string;
  clientMessageId: string;
  email?: string;
  replyByEmail?: boolean;
  page?: Page;
}

/** A failed call: the HTTP status (0 for a network failure) and the server's `error`, if any. */
export interface ApiFailure {
  ok: false;
  status: number;
  error?: string;
  field?: string;
  /** The server's machine-readable reason: visitor_secret_required, visitor_secret_mismatch, rate_limited, busy. */
  code?: string;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

async function call<T>(fetchFn: FetchLike, url: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, { credentials: "same-origin", ...init });
  } catch {
    return { ok: false, status: 0 };
  }
  let body: Record<string, unknown> = {};
  try {
    body = response.status === 204 ? {} : await response.json();
  } catch {
    // Non-JSON (an HTML error page from a proxy, say): the status is all we use.
  }
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const error = typeof body.error === "string" ? body.error : undefined;
  const field = typeof body.field === "string" ? body.field : undefined;
  const code = typeof body.code === "string" ? body.code : undefined;
  return { ok: false, status: response.status, error, field, code };
}

const jsonPost = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json" },
  body: JSON.stringify(body),
});

/**
 * The app proxy routes, relative to the storefront (Shopify adds shop, customer and signature).
 * Every call is a POST with the visitor id and secret in the JSON body: Shopify's app proxy
 * forwards the method and body, while URLs end up in access logs and custom headers may be dropped.
 */
export function chatApi(proxyBase: string, fetchFn: FetchLike) {
  const base = proxyBase.replace(/\/+$/, "");
  const who = (visitor: Visitor) => ({ visitorId: visitor.id, visitorSecret: visitor.secret });
  return {
    messages(visitor: Visitor, after: string | null) {
      const body = after ? { ...who(visitor), after } : who(visitor);
      return call<MessagesPage>(fetchFn, `${base}/chat/history`, jsonPost(body));
    },
    send(body: SendBody) {
      return call<{ message: ChatMessage }>(fetchFn, `${base}/chat/messages`, jsonPost(body));
    },
    csat(visitor: Visitor, answer: CsatAnswer) {
      return call<{ csat: ChatCsat }>(fetchFn, `${base}/chat/csat`, jsonPost({ ...who(visitor), ...answer }));
    },
    page(visitor: Visitor, page: Page) {
      return call<Record<string, never>>(fetchFn, `${base}/chat/page`, jsonPost({ ...who(visitor), page }));
    },
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
