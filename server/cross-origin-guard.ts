// Cross-origin writes to the admin are refused before Remix sees them. The embedded admin is a page
// on SHOPIFY_APP_URL inside Shopify's iframe, so its own form posts and fetches (App Bridge adds the
// session token) carry that origin; the admin UI extensions call /api/extension/*, not /app. Nothing
// legitimate writes to /app/* from another origin, while a forged form or `?_data=` fetch from any
// page would run an action with whatever credentials the browser holds (and, in the demo, with the
// demo shop's sign-in). Decision 0024.
import type { RequestHandler } from "express";
import { config } from "../app/config.server";
import { logger } from "../app/lib/logger.server";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestFacts {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Remix matches routes case-insensitively and on the decoded path, so compare the same way. */
function isAdminPath(rawPath: string): boolean {
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Undecodable: compare as given.
  }
  path = path.replace(/\/{2,}/g, "/").toLowerCase();
  return path === "/app" || path.startsWith("/app/");
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * The app's own origin. The demo (listening on 127.0.0.1 only) is also its own origin under any
 * loopback name it was reached by: the Host must be loopback, so a rebound DNS name never counts.
 */
export function ownOrigins(host?: string): Set<string> {
  const { SHOPIFY_APP_URL, THREADLINE_DEMO, NODE_ENV } = config();
  const origins = new Set([new URL(SHOPIFY_APP_URL).origin]);
  if (THREADLINE_DEMO && NODE_ENV !== "production" && host && LOOPBACK.test(host)) {
    origins.add(`http://${host.toLowerCase()}`);
  }
  return origins;
}

const header = (facts: RequestFacts, name: string) => {
  const value = facts.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Why this request is a cross-origin write to the admin, or null when it is not one. Browsers send
 * Origin on every POST; older ones may send only Sec-Fetch-Site or Referer. A request with none of
 * them is not from a browser page, so it cannot ride on a visitor's sign-in.
 */
export function crossOriginWrite(
  facts: RequestFacts,
  own: Set<string> = ownOrigins(header(facts, "host")),
): string | null {
  if (!WRITE_METHODS.has(facts.method.toUpperCase()) || !isAdminPath(facts.path)) return null;
  const origin = header(facts, "origin");
  if (origin !== undefined) return own.has(origin) ? null : `Origin ${origin}`;
  const site = header(facts, "sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site ${site}`;
  const referer = header(facts, "referer");
  if (referer !== undefined) {
    const from = originOf(referer);
    return from && own.has(from) ? null : `Referer ${from ?? "unreadable"}`;
  }
  return null;
}

export const refuseCrossOriginAdminWrites: RequestHandler = (req, res, next) => {
  const reason = crossOriginWrite({ method: req.method, path: req.path, headers: req.headers });
  if (!reason) return next();
  logger.warn({ method: req.method, path: req.path, reason }, "cross-origin write to the admin refused");
  res.status(403).type("text/plain").send("Cross-origin request refused");
};
