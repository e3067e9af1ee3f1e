// The per-shop key the pixel sends with every batch: HMAC-SHA256 of the shop's myshopify domain,
// keyed with SHOPIFY_API_SECRET. It is NOT a secret (it is in every storefront's pixel settings,
// readable by anyone who opens the page); it only binds a batch to the shop it claims, so a key
// lifted from one store cannot file events under another, and nobody can invent a key for a shop
// without the app secret.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../config.server";

const PURPOSE = "threadline-web-pixel:v1:";

export function pixelKeyFor(shopDomain: string): string {
  return createHmac("sha256", config().SHOPIFY_API_SECRET)
    .update(PURPOSE + shopDomain.toLowerCase())
    .digest("hex");
}

export function pixelKeyMatches(shopDomain: string, key: string): boolean {
  const expected = Buffer.from(pixelKeyFor(shopDomain), "utf8");
  const given = Buffer.from(key, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
