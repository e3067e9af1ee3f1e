// A stand-in for Shopify's app proxy: the storefront calls https://<shop>/apps/threadline/<rest>,
// and Shopify forwards it to <app_url>/proxy/<rest> with the shop, the signed-in customer, the
// path prefix and a timestamp added to the query string, all signed with the app's API secret.
// Like Shopify, it drops the shopper's cookies (the app never sees them) and passes the method and
// body on, adding X-Forwarded-For (the shopper's address) and X-Forwarded-Host (the storefront's
// host), as Shopify's "Authenticate app proxies" guide shows. Any X-Forwarded-For the shopper
// sent is replaced, never passed through.
//
// Signature, as Shopify computes it: every query parameter except `signature`, sorted by key, each
// as key=value (a repeated key's values joined with ","), concatenated with no separator,
// HMAC-SHA256 with the API secret, hex.
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export function appProxySignature(params: URLSearchParams, secret: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) if (key !== "signature") grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The query string Shopify sends the app for a storefront request with `storefrontQuery`. */
export function signedProxyQuery(opts: {
  storefrontQuery: URLSearchParams;
  shop: string;
  pathPrefix: string;
  loggedInCustomerId: string | null;
  secret: string;
  now?: Date;
}): URLSearchParams {
  const params = new URLSearchParams(opts.storefrontQuery);
  // Shopify owns these names: a shopper cannot smuggle in their own shop or customer id.
  for (const owned of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]) params.delete(owned);
  params.set("shop", opts.shop);
  params.set("logged_in_customer_id", opts.loggedInCustomerId ?? "");
  params.set("path_prefix", opts.pathPrefix);
  params.set("timestamp", String(Math.floor((opts.now ?? new Date()).getTime() / 1000)));
  params.set("signature", appProxySignature(params, opts.secret));
  return params;
}

export interface AppProxyOptions {
  /** The storefront path the app proxy owns, e.g. /apps/threadline (prefix + subpath). */
  pathPrefix: string;
  /** Where Shopify forwards to: the app's [app_proxy] url, e.g. http://localhost:3000/proxy. */
  target: () => string;
  shop: string;
  secret: string;
  /** The shopper signed in to the storefront, if any (Shopify knows it from its own session). */
  loggedInCustomerId: (req: IncomingMessage) => string | null;
}

const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "accept-language", "user-agent"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "cache-control", "retry-after"];

/** Connect/Express-style handler for requests under `pathPrefix`. */
export function appProxyHandler(opts: AppProxyOptions) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const incoming = new URL(req.originalUrl ?? req.url ?? "/", "http://storefront.local");
    const rest = incoming.pathname.slice(opts.pathPrefix.length) || "/";
    const query = signedProxyQuery({
      storefrontQuery: incoming.searchParams,
      shop: opts.shop,
      pathPrefix: opts.pathPrefix,
      loggedInCustomerId: opts.loggedInCustomerId(req),
      secret: opts.secret,
    });
    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    const address = req.socket.remoteAddress;
    if (address) headers.set("x-forwarded-for", address.replace(/^::ffff:/, ""));
    if (typeof req.headers.host === "string") headers.set("x-forwarded-host", req.headers.host);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const upstream = await fetch(`${opts.target()}${rest}?${query}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
        redirect: "manual",
      });
      const out: Record<string, string> = {};
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) out[name] = value;
      }
      res.writeHead(upstream.status, out);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      // Shopify answers a storefront request it could not forward with a gateway error.
      res.writeHead(502, { "content-type": "text/plain" }).end("The app proxy could not reach the app.");
    }
  };
}

declare module "node:http" {
  interface IncomingMessage {
    /** Set by Express when a handler is mounted under a path. */
    originalUrl?: string;
  }
}
