// Requests signed exactly as Shopify's app proxy signs them: every query parameter except
// `signature`, sorted by key, each as key=value (repeated keys' values joined with ","), concatenated
// with no separator, HMAC-SHA256 keyed with the app's API secret, hex.
import { appProxySignature } from "../fakes/shopify-app-proxy";

export { appProxySignature };

export interface AppProxyRequestOptions {
  /** Our app's URL (SHOPIFY_APP_URL); the proxied path is appended, e.g. "/proxy/chat/messages". */
  appUrl?: string;
  path: string;
  shop: string;
  method?: "GET" | "POST";
  /** Extra query params (the storefront's own, e.g. visitorId, after). */
  query?: Record<string, string>;
  loggedInCustomerId?: string | null;
  json?: unknown;
  secret?: string;
  timestamp?: number;
  /** Override the computed signature (tests of a forged request). */
  signature?: string;
  /** The shopper's address, as Shopify's app proxy adds it in X-Forwarded-For. */
  forwardedFor?: string;
}

export function signedAppProxyRequest(opts: AppProxyRequestOptions): Request {
  const appUrl = (opts.appUrl ?? process.env.SHOPIFY_APP_URL ?? "http://127.0.0.1:3999").replace(/\/+$/, "");
  const params = new URLSearchParams(opts.query ?? {});
  params.set("shop", opts.shop);
  params.set("logged_in_customer_id", opts.loggedInCustomerId ?? "");
  params.set("path_prefix", "/apps/threadline");
  params.set("timestamp", String(opts.timestamp ?? Math.floor(Date.now() / 1000)));
  params.set(
    "signature",
    opts.signature ?? appProxySignature(params, opts.secret ?? process.env.SHOPIFY_API_SECRET ?? ""),
  );
  const method = opts.method ?? (opts.json === undefined ? "GET" : "POST");
  const headers: Record<string, string> = method === "POST" ? { "Content-Type": "application/json" } : {};
  if (opts.forwardedFor) headers["X-Forwarded-For"] = opts.forwardedFor;
  return new Request(`${appUrl}${opts.path}?${params.toString()}`, {
    method,
    headers,
    body: method === "POST" ? JSON.stringify(opts.json ?? {}) : undefined,
  });
}
