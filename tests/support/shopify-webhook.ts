// Builds real Shopify webhook requests, signed exactly as Shopify signs them.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const TEST_SHOP_DOMAIN = "threadline-demo.myshopify.com";

export interface SignedWebhookOptions {
  topic: string;
  shopDomain?: string;
  /** An object is JSON-encoded; a string is sent byte for byte (for malformed bodies). */
  body: unknown;
  eventId?: string;
  webhookId?: string;
  secret?: string;
  url?: string;
  /** Headers to drop, or to override with a value. */
  omitHeaders?: string[];
  headers?: Record<string, string>;
}

export function signedWebhookRequest(options: SignedWebhookOptions): Request {
  const raw = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const secret = options.secret ?? process.env.SHOPIFY_API_SECRET ?? "";
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(raw, "utf8").digest("base64"),
    "X-Shopify-Shop-Domain": options.shopDomain ?? TEST_SHOP_DOMAIN,
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-API-Version": "2026-10",
    ...options.headers,
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return new Request(options.url ?? "http://127.0.0.1:3999/webhooks", { method: "POST", headers, body: raw });
}

/** tests/fixtures/webhooks/<topic with "/" as "-">.json, freshly parsed (safe to mutate). */
// Fixtures are free-form JSON that tests reach into and tweak.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhookFixture<T = Record<string, any>>(topic: string): T {
  const file = resolve("tests", "fixtures", "webhooks", `${topic.replace("/", "-")}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/**
 * Posts a signed webhook through the real route and runs its receipt, as the
 * worker would. Returns the receipt after processing.
 */
export async function deliverAndProcess(topic: string, body: unknown, options: Partial<SignedWebhookOptions> = {}) {
  const [{ action }, { db }, { processWebhookReceipt }] = await Promise.all([
    import("../../app/routes/webhooks"),
    import("../../app/db/client.server"),
    import("../../app/webhooks/process-receipt.server"),
  ]);
  const eventId = options.eventId ?? randomUUID();
  const response = await action({
    request: signedWebhookRequest({ ...options, topic, body, eventId }),
    params: {},
    context: {},
  });
  if (response.status !== 200)
    throw new Error(`webhook ${topic} answered ${response.status}: ${await response.text()}`);
  const shopDomain = (options.shopDomain ?? TEST_SHOP_DOMAIN).toLowerCase();
  const receipt = await db().webhookReceipt.findFirstOrThrow({ where: { shopDomain, eventId } });
  await processWebhookReceipt(receipt.id);
  return db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } });
}
