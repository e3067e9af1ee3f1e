// POST /webhooks: verify, de-duplicate, persist, enqueue, answer. Nothing slow
// happens here; Shopify gives us 5 seconds and retries whatever we fail.
// The WebhookReceipt row (written in groups by receipt-writer.server.ts) is the
// durable hand-off: once it exists we answer 200, even if Redis is down, because
// the reconciler enqueues any receipt left behind.
import { config } from "../config.server";
import { logger } from "../lib/logger.server";
import { normaliseTopic } from "./known-topics";
import { BodyTooLargeError, readBodyWithLimit } from "./read-body.server";
import { recordReceipt } from "./receipt-writer.server";
import { isValidShopifyHmac } from "./verify-hmac.server";

const HEADER = {
  topic: "X-Shopify-Topic",
  hmac: "X-Shopify-Hmac-Sha256",
  shop: "X-Shopify-Shop-Domain",
  webhookId: "X-Shopify-Webhook-Id",
  eventId: "X-Shopify-Event-Id",
  triggeredAt: "X-Shopify-Triggered-At",
  apiVersion: "X-Shopify-API-Version",
} as const;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The body's text; null when it is not UTF-8 JSON with an object at the top. Only checked here:
 * the text itself is what gets stored, and its ids are read exactly when the receipt is processed.
 */
function jsonObjectText(raw: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? text : null;
  } catch {
    return null;
  }
}

/** What intake needs from an HTTP request, whatever server delivered it (Remix or bare Node). */
export interface WebhookRequestParts {
  method: string;
  header(name: string): string | null;
  /** The body, refusing (BodyTooLargeError) anything over `limit` bytes. */
  readBody(limit: number): Promise<Uint8Array>;
}

export interface WebhookAnswer {
  status: number;
  /** Plain-text reason for a rejection; none for 200. */
  body: string | null;
}

export async function acceptShopifyWebhook(request: WebhookRequestParts): Promise<WebhookAnswer> {
  const rawTopic = request.header(HEADER.topic);
  const rawShop = request.header(HEADER.shop);
  const reject = (status: number, reason: string): WebhookAnswer => {
    logger.warn({ status, reason, topic: rawTopic, shop: rawShop }, "shopify webhook rejected");
    return { status, body: reason };
  };

  if (request.method !== "POST") return reject(405, "method not allowed");

  let raw: Uint8Array;
  try {
    raw = await request.readBody(config().WEBHOOK_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return reject(413, error.message);
    throw error;
  }

  const hmac = request.header(HEADER.hmac);
  if (!hmac) return reject(401, `missing header ${HEADER.hmac}`);
  if (!isValidShopifyHmac(raw, hmac, config().SHOPIFY_API_SECRET)) return reject(401, "invalid HMAC");

  for (const name of [HEADER.topic, HEADER.shop, HEADER.webhookId]) {
    if (!request.header(name)?.trim()) return reject(400, `missing header ${name}`);
  }
  const payloadJson = jsonObjectText(raw);
  if (payloadJson === null) return reject(400, "body is not a JSON object");
  const topic = normaliseTopic(rawTopic);
  if (!topic) return reject(400, `unknown topic ${rawTopic}`);
  const shopDomain = rawShop!.trim().toLowerCase();
  if (!SHOP_DOMAIN.test(shopDomain)) return reject(400, `invalid shop domain ${rawShop}`);

  const webhookId = request.header(HEADER.webhookId)!.trim();
  // The event id is shared by every delivery of one event; older deliveries lack it.
  const eventId = request.header(HEADER.eventId)?.trim() || webhookId;

  const { receiptId } = await recordReceipt({
    shopDomain,
    topic,
    eventId,
    webhookId,
    apiVersion: request.header(HEADER.apiVersion),
    triggeredAt: parseDate(request.header(HEADER.triggeredAt)),
    // Stored as Shopify sent it: jsonb keeps a 64-bit id's every digit, a JS number would not.
    payloadJson,
  });
  if (!receiptId) logger.info({ topic, shop: shopDomain, eventId }, "duplicate shopify webhook ignored");
  return { status: 200, body: null };
}

/** The same intake for a fetch Request (the Remix route). */
export async function handleShopifyWebhook(request: Request): Promise<Response> {
  const answer = await acceptShopifyWebhook({
    method: request.method,
    header: (name) => request.headers.get(name),
    readBody: (limit) => readBodyWithLimit(request, limit),
  });
  return new Response(answer.body, {
    status: answer.status,
    headers: answer.body === null ? {} : { "Content-Type": "text/plain" },
  });
}
