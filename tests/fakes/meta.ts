// Stand-in for the Graph API's Send API (Messenger / Instagram), plus webhook signing helpers.
import { createHmac, timingSafeEqual } from "node:crypto";
import { bearerToken, randomId, readBody, sendJson, serve, type ListenOptions } from "./http-util";

export interface MetaGraphError {
  /** HTTP status; Graph answers most API errors with 400. */
  status?: number;
  code: number;
  error_subcode?: number;
  type?: string;
  message?: string;
}

export interface MetaSendBody {
  recipient: { id?: string; user_ref?: string; comment_id?: string; post_id?: string };
  messaging_type?: string;
  message?: { text?: string; attachment?: unknown; quick_replies?: unknown[]; metadata?: string };
  sender_action?: string;
  tag?: string;
  [key: string]: unknown;
}

export interface CapturedMetaMessage {
  /** e.g. "v21.0"; null for an unversioned path. */
  version: string | null;
  pageId: string;
  accessToken: string;
  body: MetaSendBody;
  messageId: string;
  /** When the stand-in answered (for the demo's outbox page). */
  receivedAt: Date;
}

export interface FakeMetaGraphOptions extends ListenOptions {
  /** Enables signWebhook() and checks appsecret_proof whenever a caller sends one. */
  appSecret?: string;
  /** When given, the access token must equal it; otherwise any token passes and is recorded. */
  accessToken?: string;
}

export interface FakeMetaGraph {
  url: string;
  messages: CapturedMetaMessage[];
  rejected: Array<{ pageId: string; body: unknown; error: MetaGraphError; receivedAt: Date }>;
  failNext(error: MetaGraphError): void;
  failWhen(
    predicate:
      | ((draft: Omit<CapturedMetaMessage, "messageId" | "receivedAt">) => MetaGraphError | null | undefined | false)
      | null,
  ): void;
  signWebhook(payload: unknown): SignedMetaWebhook;
  reset(): void;
  close(): Promise<void>;
}

export const META_ERRORS = {
  outsideWindow: {
    code: 10,
    error_subcode: 2018278,
    type: "OAuthException",
    message: "(#10) This message is sent outside of allowed window.",
  },
  userUnavailable: {
    code: 551,
    error_subcode: 1545041,
    type: "OAuthException",
    message: "(#551) This person isn't available right now.",
  },
  rateLimited: { code: 613, type: "OAuthException", message: "(#613) Calls to this api have exceeded the rate limit." },
  invalidToken: {
    code: 190,
    type: "OAuthException",
    message: "Invalid OAuth access token - Cannot parse access token",
  },
} satisfies Record<string, MetaGraphError>;

const MESSAGING_TYPES = new Set(["RESPONSE", "UPDATE", "MESSAGE_TAG"]);

function graphError(e: MetaGraphError) {
  return {
    error: {
      message: e.message ?? `(#${e.code}) Error`,
      type: e.type ?? "OAuthException",
      code: e.code,
      ...(e.error_subcode !== undefined ? { error_subcode: e.error_subcode } : {}),
      fbtrace_id: randomId(8),
    },
  };
}

const param100 = (message: string): MetaGraphError => ({ code: 100, message: `(#100) ${message}` });

function validate(body: MetaSendBody): MetaGraphError | undefined {
  const r = body.recipient;
  if (!r || !(r.id || r.user_ref || r.comment_id || r.post_id)) return param100("The parameter recipient is required");
  if (!body.message && !body.sender_action) return param100("Must send either message or sender_action");
  if (body.message && !body.message.text && !body.message.attachment)
    return param100("param message must be non-empty.");
  if (body.messaging_type && !MESSAGING_TYPES.has(body.messaging_type))
    return param100("Param messaging_type is not valid");
  if (body.messaging_type === "MESSAGE_TAG" && !body.tag)
    return param100("Tag is required for MESSAGE_TAG messaging type");
  return undefined;
}

// Graph takes JSON, or form fields whose object values are JSON strings.
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}");
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  return out;
}

export async function startFakeMetaGraph(options: FakeMetaGraphOptions = {}): Promise<FakeMetaGraph> {
  const messages: CapturedMetaMessage[] = [];
  const rejected: FakeMetaGraph["rejected"] = [];
  const queued: MetaGraphError[] = [];
  let predicate: Parameters<FakeMetaGraph["failWhen"]>[0] = null;
  const sendPath = /^\/(?:(v\d+\.\d+)\/)?([^/]+)\/messages$/;

  const server = await serve(async (req, res, url) => {
    const route = sendPath.exec(url.pathname);
    if (!route || req.method !== "POST") {
      return sendJson(
        res,
        400,
        graphError({ code: 100, type: "GraphMethodException", message: `Unsupported ${req.method} request.` }),
      );
    }
    const [, version = null, pageId] = route;
    let fields: Record<string, unknown>;
    try {
      fields = parseBody(await readBody(req), req.headers["content-type"] ?? "");
    } catch {
      return sendJson(res, 400, graphError(param100("Invalid JSON in request body")));
    }
    const fail = (e: MetaGraphError) => {
      rejected.push({ pageId, body: fields, error: e, receivedAt: new Date() });
      sendJson(res, e.status ?? 400, graphError(e));
    };
    const accessToken =
      url.searchParams.get("access_token") ?? (fields.access_token as string | undefined) ?? bearerToken(req);
    if (!accessToken) return fail({ code: 104, message: "An access token is required to request this resource." });
    if (options.accessToken !== undefined && accessToken !== options.accessToken) return fail(META_ERRORS.invalidToken);
    const proof = url.searchParams.get("appsecret_proof") ?? (fields.appsecret_proof as string | undefined);
    if (
      proof &&
      options.appSecret &&
      !safeEqualHex(proof, createHmac("sha256", options.appSecret).update(accessToken).digest("hex"))
    ) {
      return fail({
        code: 100,
        type: "GraphMethodException",
        message: "Invalid appsecret_proof provided in the API argument",
      });
    }
    const { access_token: _t, appsecret_proof: _p, ...rest } = fields;
    const body = rest as MetaSendBody;
    const draft = { version, pageId, accessToken, body };
    const error = queued.shift() ?? (predicate ? predicate(draft) || undefined : undefined) ?? validate(body);
    if (error) return fail(error);
    const messageId = `m_${randomId(60)}`;
    messages.push({ ...draft, messageId, receivedAt: new Date() });
    sendJson(res, 200, { recipient_id: body.recipient.id ?? randomId(12), message_id: messageId });
  }, options);

  return {
    url: server.url,
    messages,
    rejected,
    failNext(error) {
      queued.push(error);
    },
    failWhen(p) {
      predicate = p;
    },
    signWebhook(payload) {
      if (!options.appSecret) throw new Error("fake meta: construct with appSecret to sign webhooks");
      return signedMetaWebhook(payload, options.appSecret);
    },
    reset() {
      messages.length = 0;
      rejected.length = 0;
      queued.length = 0;
      predicate = null;
    },
    close: server.close,
  };
}

function safeEqualHex(a: string, b: string) {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SignedMetaWebhook {
  body: string;
  headers: Record<string, string>;
}

/** A webhook delivery as Meta sends it: raw JSON body plus X-Hub-Signature-256 (and the legacy SHA-1 header). */
export function signedMetaWebhook(payload: unknown, appSecret: string): SignedMetaWebhook {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Hub-Signature-256": `sha256=${createHmac("sha256", appSecret).update(body, "utf8").digest("hex")}`,
      "X-Hub-Signature": `sha1=${createHmac("sha1", appSecret).update(body, "utf8").digest("hex")}`,
    },
  };
}

/** The payload of one inbound text message, for Messenger ("page") or Instagram ("instagram"). */
export function metaInboundMessage(opts: {
  object?: "page" | "instagram";
  pageId: string;
  senderId: string;
  text: string;
  mid?: string;
  timestamp?: number;
}) {
  const timestamp = opts.timestamp ?? Date.now();
  return {
    object: opts.object ?? "page",
    entry: [
      {
        id: opts.pageId,
        time: timestamp,
        messaging: [
          {
            sender: { id: opts.senderId },
            recipient: { id: opts.pageId },
            timestamp,
            message: { mid: opts.mid ?? `m_${randomId(30)}`, text: opts.text },
          },
        ],
      },
    ],
  };
}
