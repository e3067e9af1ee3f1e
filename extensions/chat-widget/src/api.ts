import type { ChatMessage, Page } from "./types";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface MessagesPage {
  messages: ChatMessage[];
  cursor: string | null;
}

export interface SendBody {
  visitorId: string;
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
  return { ok: false, status: response.status, error, field };
}

const jsonPost = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json" },
  body: JSON.stringify(body),
});

/** The app proxy routes, relative to the storefront (Shopify adds shop, customer and signature). */
export function chatApi(proxyBase: string, fetchFn: FetchLike) {
  const base = proxyBase.replace(/\/+$/, "");
  return {
    messages(visitorId: string, after: string | null) {
      const query = new URLSearchParams({ visitorId });
      if (after) query.set("after", after);
      return call<MessagesPage>(fetchFn, `${base}/chat/messages?${query}`, { headers: { Accept: "application/json" } });
    },
    send(body: SendBody) {
      return call<{ message: ChatMessage }>(fetchFn, `${base}/chat/messages`, jsonPost(body));
    },
    page(visitorId: string, page: Page) {
      return call<Record<string, never>>(fetchFn, `${base}/chat/page`, jsonPost({ visitorId, page }));
    },
  };
}

export type ChatApi = ReturnType<typeof chatApi>;
