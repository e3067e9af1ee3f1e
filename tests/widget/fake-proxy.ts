// An in-memory stand-in for the app proxy chat routes, shaped like the server contract, that
// records every request the widget makes.
import type { ChatMessage } from "../../extensions/chat-widget/src/types";

export interface RecordedRequest {
  method: string;
  /** The full URL the widget asked for, to prove no id or secret ever rides in one. */
  url: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

interface Scripted {
  status: number;
  body: unknown;
}

export function fakeProxy() {
  const requests: RecordedRequest[] = [];
  const messages: ChatMessage[] = [];
  const sendReplies: Scripted[] = [];
  /** Visitor ids the "server" refuses, as it refuses an id whose secret does not match. */
  const refusedVisitors = new Set<string>();
  let nextId = 1;
  const network = { down: false };
  /** What the history answer's `hours` says (the shop calendar); null: the field is left out. */
  const calendar: { hours: { open: boolean; nextOpening: string | null } | null } = { hours: null };

  function append(message: Omit<ChatMessage, "id" | "cursor" | "createdAt">): ChatMessage {
    const id = `m${nextId++}`;
    const stored = { ...message, id, cursor: `cursor-${id}`, createdAt: new Date().toISOString() };
    messages.push(stored);
    return stored;
  }

  // Just what the widget reads of a Response; a real one would parse its body through streams
  // that fake timers can stall.
  const json = (status: number, body: unknown) =>
    ({ ok: status >= 200 && status < 300, status, json: async () => structuredClone(body) }) as Response;

  async function fetch(input: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input, "https://shop.example");
    const method = init.method ?? "GET";
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    requests.push({
      method,
      url: input,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body,
    });
    if (network.down) throw new TypeError("Failed to fetch");
    if (method === "POST" && refusedVisitors.has(String(body?.visitorId)))
      return json(403, { error: "This chat belongs to another browser.", code: "visitor_secret_mismatch" });

    if (url.pathname === "/apps/threadline/chat/history" && method === "POST") {
      const after = typeof body?.after === "string" ? body.after : null;
      const start = after ? messages.findIndex((m) => m.cursor === after) + 1 : 0;
      const page = messages.slice(start);
      const cursor = page.at(-1)?.cursor ?? after ?? null;
      return json(200, calendar.hours ? { messages: page, cursor, hours: calendar.hours } : { messages: page, cursor });
    }
    if (url.pathname === "/apps/threadline/chat/messages" && method === "POST") {
      const scripted = sendReplies.shift();
      if (scripted) return json(scripted.status, scripted.body);
      const message = append({
        direction: "inbound",
        author: "customer",
        authorName: null,
        text: String(body?.text),
        automatic: false,
      });
      return json(201, { message });
    }
    if (url.pathname === "/apps/threadline/chat/page" && method === "POST") {
      return json(messages.length ? 202 : 204, {});
    }
    return json(404, { error: "Not found" });
  }

  return {
    fetch,
    requests,
    calendar,
    /** Set `down` to make every request fail the way fetch does offline. */
    network,
    messages,
    staffReply(text: string, authorName: string | null = "Ana") {
      return append({ direction: "outbound", author: "staff", authorName, text, automatic: false });
    },
    /** The assistant's automatic answer (app/answers/), as the history route returns it. */
    automaticAnswer(text: string) {
      return append({ direction: "outbound", author: "shop", authorName: null, text, automatic: true });
    },
    customerMessage(text: string) {
      return append({ direction: "inbound", author: "customer", authorName: null, text, automatic: false });
    },
    /** Every later request for this visitor id answers 403 visitor_secret_mismatch. */
    refuseVisitor(visitorId: string) {
      refusedVisitors.add(visitorId);
    },
    /** The next POST /chat/messages answers with this instead of storing the message. */
    failNextSend(status: number, body: unknown) {
      sendReplies.push({ status, body });
    },
    posts(path: "/apps/threadline/chat/messages" | "/apps/threadline/chat/page" | "/apps/threadline/chat/history") {
      return requests.filter((r) => r.method === "POST" && r.path === path);
    },
  };
}

/** A Map-backed stand-in for localStorage that two "page loads" can share. */
export function memoryStore() {
  const data = new Map<string, string>();
  return {
    data,
    get: (key: string) => data.get(key) ?? null,
    set: (key: string, value: string) => void data.set(key, value),
  };
}
