// Shopify admin session tokens, signed the way Shopify signs them (HS256 JWT with the app's secret):
// https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
import { createHmac, randomUUID } from "node:crypto";

export interface SessionTokenOptions {
  shop: string;
  /** Staff user id (the token's sub). */
  sub?: string;
  secret?: string;
  apiKey?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  now?: number;
  /** Overrides the claims Shopify derives from the shop (a foreign or mismatched destination). */
  iss?: string;
  dest?: string;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export function signSessionToken(o: SessionTokenOptions): string {
  const now = Math.floor((o.now ?? Date.now()) / 1000);
  const iat = o.expiresIn !== undefined && o.expiresIn < 0 ? now + o.expiresIn - 60 : now;
  const payload = {
    iss: o.iss ?? `https://${o.shop}/admin`,
    dest: o.dest ?? `https://${o.shop}`,
    aud: o.apiKey ?? process.env.SHOPIFY_API_KEY,
    sub: o.sub ?? "42",
    exp: now + (o.expiresIn ?? 60),
    nbf: iat,
    iat,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const unsigned = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}`;
  const signature = createHmac("sha256", o.secret ?? process.env.SHOPIFY_API_SECRET ?? "")
    .update(unsigned)
    .digest();
  return `${unsigned}.${b64url(signature)}`;
}
