// Which installed shop a correctly signed session token speaks for, checked before
// authenticate.admin sees it. With the token-exchange strategy a token for a shop that has no
// offline session makes the library call that shop's token endpoint (unreachable, or not a shop at
// all for a foreign `dest`) and fail with a plain Error: a 500. The admin block only runs in shops
// that installed the app, so such a token is simply not authorised here.
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "../config.server";
import { db } from "../db/client.server";

const MYSHOPIFY_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const CLOCK_SKEW_SECONDS = 10;

interface Claims {
  iss?: unknown;
  dest?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
}

/** The token's claims when its HS256 signature (app secret), audience and lifetime hold; else null. */
function verifiedClaims(token: string): Claims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const { SHOPIFY_API_SECRET, SHOPIFY_API_KEY } = config();
  const expected = createHmac("sha256", SHOPIFY_API_SECRET).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: Claims;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as { alg?: unknown };
    if (header.alg !== "HS256") return null;
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as Claims;
  } catch {
    return null;
  }
  const now = Date.now() / 1000;
  if (claims.aud !== SHOPIFY_API_KEY) return null;
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_SKEW_SECONDS < now) return null;
  if (typeof claims.nbf === "number" && claims.nbf - CLOCK_SKEW_SECONDS > now) return null;
  return claims;
}

function hostOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export type TokenShopCheck =
  | { ok: true }
  /** Not a token we can vouch for: authenticate.admin gives its own 401. */
  | { ok: "unverified" }
  | { ok: false; reason: string };

/** A verified token must name one shop (dest = iss's host), a myshopify.com host, installed here. */
export async function checkTokenShop(bearer: string): Promise<TokenShopCheck> {
  const claims = verifiedClaims(bearer);
  if (!claims) return { ok: "unverified" };
  const dest = hostOf(claims.dest);
  const iss = hostOf(claims.iss);
  if (!dest || !MYSHOPIFY_HOST.test(dest)) return { ok: false, reason: "dest is not a myshopify.com shop" };
  if (dest !== iss) return { ok: false, reason: "dest does not match iss" };
  const shop = await db().shop.findUnique({ where: { domain: dest }, select: { uninstalledAt: true } });
  if (!shop || shop.uninstalledAt) return { ok: false, reason: "shop not installed" };
  return { ok: true };
}
