// Shared plumbing for the provider webhook routes: the public URL the provider signed (our
// SHOPIFY_APP_URL, not whatever host the proxy handed us), the raw body, bounded.
import { config } from "../config.server";
import type { InboundHttpRequest } from "../channels/types";
import { BodyTooLargeError, readBodyWithLimit } from "../webhooks/read-body.server";

export const PROVIDER_WEBHOOK_MAX_BYTES = 1024 * 1024;

export function publicUrlOf(request: Request): string {
  const url = new URL(request.url);
  return `${config().SHOPIFY_APP_URL.replace(/\/+$/, "")}${url.pathname}${url.search}`;
}

export async function readProviderRequest(request: Request): Promise<InboundHttpRequest | Response> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithLimit(request, PROVIDER_WEBHOOK_MAX_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return new Response("Payload Too Large", { status: 413 });
    throw err;
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return { url: publicUrlOf(request), headers, rawBody: Buffer.from(bytes) };
}

export const methodNotAllowed = () => new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
