// Stand-in for SendGrid's v3 Mail Send API, plus signing helpers for its Event Webhook.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { ServerResponse } from "node:http";
import { bearerToken, randomId, readBody, sendJson, serve, type ListenOptions } from "./http-util";

export interface SendGridError {
  message: string;
  field?: string | null;
  help?: string | null;
}

/** The v3 Mail Send JSON; typed loosely because the fake must also hold malformed input. */
export interface SendGridMailBody {
  personalizations?: Array<{
    to?: Array<{ email?: string; name?: string }>;
    subject?: string;
    custom_args?: Record<string, string>;
    [key: string]: unknown;
  }>;
  from?: { email?: string; name?: string };
  reply_to?: { email?: string; name?: string };
  subject?: string;
  content?: Array<{ type?: string; value?: string }>;
  template_id?: string;
  custom_args?: Record<string, string>;
  headers?: Record<string, string>;
  asm?: { group_id?: number; groups_to_display?: number[] };
  [key: string]: unknown;
}

export interface CapturedMail {
  apiKey: string;
  /** The request JSON exactly as received. */
  body: SendGridMailBody;
  messageId: string;
  /** When the stand-in answered (for the demo's outbox page). */
  receivedAt: Date;
}

export interface FakeSendGridOptions extends ListenOptions {
  /** When given, the Bearer key must equal it; otherwise any key passes and is recorded. */
  apiKey?: string;
}

export interface FakeSendGrid {
  url: string;
  mails: CapturedMail[];
  rejected: Array<{ apiKey?: string; body: unknown; status: number; errors: SendGridError[]; receivedAt: Date }>;
  failNext(status: number, errors?: SendGridError[]): void;
  reset(): void;
  close(): Promise<void>;
}

const HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html";
const err = (message: string, field: string | null, anchor: string | null = null): SendGridError => ({
  message,
  field,
  help: anchor ? `${HELP}#${anchor}` : null,
});

// The subset of SendGrid's own checks that catches malformed sends from our code.
function validate(body: SendGridMailBody): SendGridError[] {
  const errors: SendGridError[] = [];
  const ps = body?.personalizations;
  if (!Array.isArray(ps) || ps.length === 0) {
    errors.push(
      err(
        "The personalizations field is required and must have at least one personalization.",
        "personalizations",
        "-Personalizations-Errors",
      ),
    );
  } else if (
    ps.some(
      (p) =>
        !Array.isArray(p?.to) ||
        p.to.length === 0 ||
        p.to.some((t) => typeof t?.email !== "string" || !t.email.includes("@")),
    )
  ) {
    errors.push(
      err(
        "The to array is required for all personalization objects, and must have at least one email object with a valid email address.",
        "personalizations.0.to",
        "message.personalizations.to",
      ),
    );
  }
  if (typeof body?.from?.email !== "string" || !body.from.email.includes("@")) {
    errors.push(
      err(
        "The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.",
        "from.email",
        "message.from",
      ),
    );
  }
  const templated = typeof body?.template_id === "string";
  if (!templated && !body?.subject && !(Array.isArray(ps) && ps.length > 0 && ps.every((p) => p?.subject))) {
    errors.push(
      err(
        "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.",
        "subject",
        "message.subject",
      ),
    );
  }
  const content = body?.content;
  if (
    !templated &&
    (!Array.isArray(content) ||
      content.length === 0 ||
      content.some((c) => !c?.type || typeof c?.value !== "string" || c.value === ""))
  ) {
    errors.push(
      err(
        "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.",
        "content",
        "message.content",
      ),
    );
  }
  return errors;
}

export async function startFakeSendGrid(options: FakeSendGridOptions = {}): Promise<FakeSendGrid> {
  const mails: CapturedMail[] = [];
  const rejected: FakeSendGrid["rejected"] = [];
  const queued: Array<{ status: number; errors: SendGridError[] }> = [];

  const reject = (res: ServerResponse, status: number, errors: SendGridError[], apiKey?: string, body?: unknown) => {
    rejected.push({ apiKey, body, status, errors, receivedAt: new Date() });
    sendJson(res, status, { errors });
  };

  const server = await serve(async (req, res, url) => {
    if (url.pathname !== "/v3/mail/send" || req.method !== "POST") {
      return sendJson(res, 404, { errors: [{ field: null, message: "resource not found" }] });
    }
    const apiKey = bearerToken(req);
    const raw = await readBody(req);
    if (!apiKey || (options.apiKey !== undefined && apiKey !== options.apiKey)) {
      return reject(
        res,
        401,
        [err("The provided authorization grant is invalid, expired, or revoked", null)],
        apiKey,
        raw,
      );
    }
    let body: SendGridMailBody;
    try {
      body = JSON.parse(raw);
    } catch {
      return reject(res, 400, [err("Invalid JSON in request body", null, "-Request-Body-Parameters")], apiKey, raw);
    }
    const forced = queued.shift();
    if (forced) return reject(res, forced.status, forced.errors, apiKey, body);
    const errors = validate(body);
    if (errors.length) return reject(res, 400, errors, apiKey, body);

    const messageId = randomId(16).slice(0, 22);
    mails.push({ apiKey, body, messageId, receivedAt: new Date() });
    res.writeHead(202, { "X-Message-Id": messageId, "Content-Length": 0 });
    res.end();
  }, options);

  return {
    url: server.url,
    mails,
    rejected,
    failNext(status, errors = [err(status === 429 ? "too many requests" : "Bad Request", null)]) {
      queued.push({ status, errors });
    },
    reset() {
      mails.length = 0;
      rejected.length = 0;
      queued.length = 0;
    },
    close: server.close,
  };
}

export interface EventWebhookKeyPair {
  /** Base64 DER (SPKI) without PEM armour: the "Verification Key" string SendGrid's console shows. */
  publicKey: string;
  /** PKCS#8 PEM; pass it to signedEventWebhook. */
  privateKey: string;
}

export function generateEventWebhookKeyPair(): EventWebhookKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

export type SendGridEventType =
  "processed" | "delivered" | "open" | "click" | "bounce" | "dropped" | "spamreport" | "unsubscribe" | "deferred";

/** One Event Webhook event for a captured mail, shaped as SendGrid delivers it (custom_args at top level). */
export function eventForMail(
  mail: CapturedMail,
  event: SendGridEventType,
  extra: Record<string, unknown> = {},
  personalization = 0,
) {
  const p = mail.body.personalizations?.[personalization] ?? {};
  return {
    email: p.to?.[0]?.email,
    timestamp: Math.floor(Date.now() / 1000),
    event,
    sg_event_id: randomId(16),
    // Events carry X-Message-Id plus a per-recipient suffix; match on the part before the first dot.
    sg_message_id: `${mail.messageId}.filterdrecv-fake-${personalization}`,
    "smtp-id": `<${mail.messageId}@ismtpd0001p1mdw1.sendgrid.net>`,
    ...(mail.body.custom_args ?? {}),
    ...(p.custom_args ?? {}),
    ...extra,
  };
}

export const SENDGRID_SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
export const SENDGRID_TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

/** A ready-to-POST Event Webhook delivery: ECDSA P-256/SHA-256 over timestamp + raw body, DER, base64. */
export function signedEventWebhook(
  events: unknown[] | string,
  privateKey: string | KeyObject,
  timestamp: string = String(Math.floor(Date.now() / 1000)),
): { body: string; headers: Record<string, string> } {
  const body = typeof events === "string" ? events : JSON.stringify(events);
  const signature = sign("sha256", Buffer.from(timestamp + body, "utf8"), {
    key: typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey,
    dsaEncoding: "der",
  }).toString("base64");
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      [SENDGRID_SIGNATURE_HEADER]: signature,
      [SENDGRID_TIMESTAMP_HEADER]: timestamp,
    },
  };
}
