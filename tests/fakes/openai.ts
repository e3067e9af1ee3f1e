// Stand-in for an OpenAI-compatible Chat Completions server (`POST …/chat/completions`), the wire
// format OpenAI, Ollama and vLLM share. Records every request exactly as received and answers from
// a script: a JSON object as the assistant's content, raw content (malformed JSON), a delay, an
// HTTP error. With nothing scripted it answers like a careful model would, from the data block
// the app's prompt carries (app/llm/prompt.ts): reply with the first article, cited, or hand off.
// `POST …/embeddings` (same base) answers in OpenAI's embeddings format with deterministic vectors
// (hashed word features, normalised: texts sharing words are close), recorded apart.
import { bearerToken, randomId, readBody, sendJson, serve, type ListenOptions } from "./http-util";

/** The request JSON, typed loosely because the fake must also hold what a bug might send. */
export interface ChatCompletionRequest {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown; [key: string]: unknown }>;
  response_format?: {
    type?: string;
    json_schema?: { name?: string; schema?: unknown; strict?: boolean };
  };
  tools?: Array<{ type?: string; function?: { name?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  [key: string]: unknown;
}

export interface CapturedChatRequest {
  path: string;
  apiKey: string | undefined;
  body: ChatCompletionRequest;
  receivedAt: Date;
}

export type FakeOpenAIBehaviour =
  /** Answers with this value, JSON-encoded, as the assistant's content (or tool-call arguments). */
  | { kind: "json"; value: unknown; usage?: Partial<FakeUsage> }
  /** Answers with whatever `respond` returns for the request, JSON-encoded (a scripted model). */
  | { kind: "respond"; respond: (body: ChatCompletionRequest) => unknown }
  /** Answers with this exact content string: malformed JSON, prose, anything. */
  | { kind: "content"; content: string; usage?: Partial<FakeUsage> }
  /** Waits, then behaves as `then` (default: the automatic answer). */
  | { kind: "delay"; ms: number; then?: FakeOpenAIBehaviour }
  /** An HTTP error in OpenAI's error shape. */
  | { kind: "status"; status: number; message?: string }
  /** A body that is not JSON at all. */
  | { kind: "broken-body" };

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** The embeddings request JSON (OpenAI's shape: `input` is a string or an array of strings). */
export interface EmbeddingRequest {
  model?: string;
  input?: unknown;
  encoding_format?: string;
  dimensions?: number;
  [key: string]: unknown;
}

export interface CapturedEmbeddingRequest {
  path: string;
  apiKey: string | undefined;
  body: EmbeddingRequest;
  receivedAt: Date;
}

export type FakeEmbeddingBehaviour =
  { kind: "status"; status: number; message?: string } | { kind: "delay"; ms: number };

/** Dimensions of the stand-in's vectors. */
export const FAKE_EMBEDDING_DIMENSIONS = 256;

// Words too common to say what a text is about; without this every question would be close.
const EMBEDDING_STOPWORDS = new Set(
  "the a an and or of to in on for is are was be it my i you your we our do does did can could how what when where why which with at by from this that as me about have has if not no yes".split(
    " ",
  ),
);

function hashWord(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The stand-in's vector for a text: one hashed feature per word (lower case, accents folded, a
 * plural "s" dropped, stopwords skipped), normalised to length 1. Deterministic, so tests can
 * compute what the app will rank.
 */
export function fakeEmbedding(text: string, dimensions = FAKE_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !EMBEDDING_STOPWORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w));
  for (const word of words) vector[hashWord(word) % dimensions]! += 1;
  const norm = Math.sqrt(vector.reduce((n, x) => n + x * x, 0));
  return norm > 0 ? vector.map((x) => x / norm) : vector;
}

export interface FakeOpenAIOptions extends ListenOptions {
  /** When given, the Bearer key must equal it (401 otherwise). */
  apiKey?: string;
}

export interface FakeOpenAI {
  /** Base URL including `/v1`, as the SDK's `baseURL` expects. */
  url: string;
  requests: CapturedChatRequest[];
  /** Every `…/embeddings` request, in order. */
  embeddingRequests: CapturedEmbeddingRequest[];
  /** One-shot behaviours for the next embeddings requests (an HTTP error, a delay). */
  enqueueEmbedding(...behaviours: FakeEmbeddingBehaviour[]): void;
  /** Queues one-shot behaviours, used in order by the next requests. */
  enqueue(...behaviours: FakeOpenAIBehaviour[]): void;
  /** What every request gets once the queue is empty (default: the automatic answer). */
  setDefault(behaviour: FakeOpenAIBehaviour | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

const DATA_BLOCK = /<(data-[0-9a-f]+)>\n([\s\S]*?)\n<\/\1>/;

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join("");
  }
  return "";
}

/** The JSON inside the app's data block in the last user message, when there is one. */
export function dataBlockOf(body: ChatCompletionRequest): Record<string, unknown> | undefined {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  const match = DATA_BLOCK.exec(textOf(user?.content));
  if (!match) return undefined;
  try {
    return JSON.parse(match[2]!) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A plausible, well-behaved answer to whichever schema the request asks for. */
export function automaticAnswer(body: ChatCompletionRequest): unknown {
  const schemaName = body.response_format?.json_schema?.name ?? body.tools?.[0]?.function?.name;
  const data = dataBlockOf(body) ?? {};
  if (schemaName === "intent_classification") return { intent: "other" };
  const articles = Array.isArray(data.articles) ? (data.articles as Array<{ id: string; text: string }>) : [];
  const language = typeof data.customerLanguage === "string" ? data.customerLanguage : "en";
  const first = articles[0];
  if (!first) {
    return { action: "handoff", answer: null, citedArticleIds: [], handoffReason: "not_covered", language };
  }
  return { action: "reply", answer: first.text, citedArticleIds: [first.id], handoffReason: null, language };
}

const estimate = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: CapturedChatRequest[] = [];
  const embeddingRequests: CapturedEmbeddingRequest[] = [];
  const embeddingQueue: FakeEmbeddingBehaviour[] = [];
  const queue: FakeOpenAIBehaviour[] = [];
  let fallbackBehaviour: FakeOpenAIBehaviour | undefined;

  const answer = async (
    res: Parameters<typeof sendJson>[0],
    body: ChatCompletionRequest,
    behaviour: FakeOpenAIBehaviour | undefined,
  ): Promise<void> => {
    if (behaviour?.kind === "delay") {
      await new Promise((resolve) => setTimeout(resolve, behaviour.ms));
      if (res.destroyed || res.writableEnded) return;
      return answer(res, body, behaviour.then);
    }
    if (behaviour?.kind === "status") {
      return sendJson(res, behaviour.status, {
        error: {
          message: behaviour.message ?? "The server had an error",
          type: "server_error",
          param: null,
          code: null,
        },
      });
    }
    if (behaviour?.kind === "broken-body") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"id": "chatcmpl-broken", "choices": [');
      return;
    }
    const content =
      behaviour?.kind === "content"
        ? behaviour.content
        : JSON.stringify(
            behaviour?.kind === "json"
              ? behaviour.value
              : behaviour?.kind === "respond"
                ? behaviour.respond(body)
                : automaticAnswer(body),
          );
    const promptText = (body.messages ?? []).map((m) => textOf(m.content)).join("\n");
    const usage = {
      prompt_tokens: estimate(promptText),
      completion_tokens: estimate(content),
      ...(behaviour && "usage" in behaviour ? behaviour.usage : {}),
    };
    // Without response_format but with tools, a model answers through a tool call.
    const viaTool = !body.response_format && body.tools?.length;
    const message = viaTool
      ? {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: `call_${randomId(8)}`,
              type: "function",
              function: { name: body.tools![0]!.function?.name ?? "answer", arguments: content },
            },
          ],
        }
      : { role: "assistant", content };
    sendJson(res, 200, {
      id: `chatcmpl-${randomId(12)}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? "unknown",
      choices: [{ index: 0, message, finish_reason: viaTool ? "tool_calls" : "stop", logprobs: null }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  };

  const embeddings = async (
    req: Parameters<typeof bearerToken>[0],
    res: Parameters<typeof sendJson>[0],
    path: string,
  ) => {
    let body: EmbeddingRequest;
    try {
      body = JSON.parse(await readBody(req)) as EmbeddingRequest;
    } catch {
      return sendJson(res, 400, { error: { message: "We could not parse the JSON body of your request." } });
    }
    const apiKey = bearerToken(req);
    embeddingRequests.push({ path, apiKey, body, receivedAt: new Date() });
    if (opts.apiKey && apiKey !== opts.apiKey) {
      return sendJson(res, 401, { error: { message: "Incorrect API key provided", code: "invalid_api_key" } });
    }
    const behaviour = embeddingQueue.shift();
    if (behaviour?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, behaviour.ms));
    if (res.destroyed || res.writableEnded) return;
    if (behaviour?.kind === "status") {
      return sendJson(res, behaviour.status, {
        error: {
          message: behaviour.message ?? "The server had an error",
          type: "server_error",
          param: null,
          code: null,
        },
      });
    }
    const inputs = typeof body.input === "string" ? [body.input] : body.input;
    if (!body.model || !Array.isArray(inputs) || inputs.length === 0 || inputs.some((i) => typeof i !== "string")) {
      return sendJson(res, 400, {
        error: { message: "model and input (a string or an array of strings) are required" },
      });
    }
    const texts = inputs as string[];
    const tokens = texts.reduce((n, t) => n + estimate(t), 0);
    sendJson(res, 200, {
      object: "list",
      data: texts.map((t, index) => ({ object: "embedding", index, embedding: fakeEmbedding(t, body.dimensions) })),
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const server = await serve(async (req, res, url) => {
    if (req.method === "POST" && url.pathname.endsWith("/embeddings")) return embeddings(req, res, url.pathname);
    if (req.method !== "POST" || !url.pathname.endsWith("/chat/completions")) {
      return sendJson(res, 404, { error: { message: `Unknown request URL: ${req.method} ${url.pathname}` } });
    }
    const raw = await readBody(req);
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(raw) as ChatCompletionRequest;
    } catch {
      return sendJson(res, 400, { error: { message: "We could not parse the JSON body of your request." } });
    }
    const apiKey = bearerToken(req);
    requests.push({ path: url.pathname, apiKey, body, receivedAt: new Date() });
    if (opts.apiKey && apiKey !== opts.apiKey) {
      return sendJson(res, 401, { error: { message: "Incorrect API key provided", code: "invalid_api_key" } });
    }
    if (!body.model || !Array.isArray(body.messages) || body.messages.length === 0) {
      return sendJson(res, 400, { error: { message: "model and messages are required" } });
    }
    await answer(res, body, queue.shift() ?? fallbackBehaviour);
  }, opts);

  return {
    url: `${server.url}/v1`,
    requests,
    embeddingRequests,
    enqueueEmbedding: (...behaviours) => void embeddingQueue.push(...behaviours),
    enqueue: (...behaviours) => void queue.push(...behaviours),
    setDefault: (behaviour) => void (fallbackBehaviour = behaviour),
    reset() {
      requests.length = 0;
      queue.length = 0;
      embeddingRequests.length = 0;
      embeddingQueue.length = 0;
      fallbackBehaviour = undefined;
    },
    close: server.close,
  };
}
