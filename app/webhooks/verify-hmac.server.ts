import { createHmac, timingSafeEqual } from "node:crypto";

/** Shopify's scheme: base64 HMAC-SHA256 of the exact raw body, keyed with the app's API secret. */
export function shopifyHmac(rawBody: Uint8Array | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

export function isValidShopifyHmac(rawBody: Uint8Array, headerValue: string | null, secret: string): boolean {
  if (!headerValue) return false;
  const expected = Buffer.from(shopifyHmac(rawBody, secret), "utf8");
  const given = Buffer.from(headerValue.trim(), "utf8");
  // timingSafeEqual throws on unequal lengths; the length of a digest is no secret.
  return expected.length === given.length && timingSafeEqual(expected, given);
}
