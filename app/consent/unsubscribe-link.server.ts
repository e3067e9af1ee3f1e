// Signed, permanent unsubscribe links for marketing email. The token carries the shop, customer and
// channel it unsubscribes, HMAC-SHA256-signed with SHOPIFY_API_SECRET, all base64url, so the
// link works without a database lookup to find its subject and cannot be forged or re-pointed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../config.server";
import type { Channel } from "../generated/prisma/client";

export interface UnsubscribeSubject {
  shopId: string;
  customerId: string;
  channel: Channel;
}

const VERSION = "v1";
const CHANNELS = new Set<string>(["SMS", "WHATSAPP", "EMAIL", "CHAT", "INSTAGRAM", "MESSENGER"]);

function sign(payload: string): string {
  return createHmac("sha256", config().SHOPIFY_API_SECRET).update(`unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(subject: UnsubscribeSubject): string {
  const payload = Buffer.from(`${VERSION}:${subject.shopId}:${subject.customerId}:${subject.channel}`).toString(
    "base64url",
  );
  return `${payload}.${sign(payload)}`;
}

/** The subject of a genuine token; null for anything forged, truncated or malformed. */
export function verifyUnsubscribeToken(token: string | null | undefined): UnsubscribeSubject | null {
  if (!token || token.length > 512) return null;
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const parts = Buffer.from(payload, "base64url").toString("utf8").split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, shopId, customerId, channel] = parts;
  if (!shopId || !customerId || !CHANNELS.has(channel)) return null;
  return { shopId, customerId, channel: channel as Channel };
}

export function appBaseUrl(): string {
  return config().SHOPIFY_APP_URL.replace(/\/+$/, "");
}

/** Public URL of the unsubscribe page (route app/routes/unsubscribe.$token.tsx). */
export function unsubscribeUrl(subject: UnsubscribeSubject): string {
  return `${appBaseUrl()}/unsubscribe/${unsubscribeToken(subject)}`;
}

/** RFC 2369 + RFC 8058 one-click headers for a marketing email. */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** Alias kept for the contract's name. */
export const LIST_UNSUBSCRIBE = listUnsubscribeHeaders;
