// Tests and the demo point Shopify at a local stand-in (SHOPIFY_ADMIN_API_BASE_URL): the Shopify
// library's own calls to https://<shop>/admin/oauth/access_token (token exchange) go there too, on
// the same path. Without that setting every request goes out unchanged.
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { config } from "../config.server";

const TOKEN_PATH = "/admin/oauth/access_token";

export function rewriteOAuthUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const original = new URL(url);
  if (original.pathname !== TOKEN_PATH) return url;
  const base = new URL(baseUrl);
  return `${base.origin}${base.pathname.replace(/\/$/, "")}${original.pathname}${original.search}`;
}

/** Installed once by shopify.server.ts, after the library's node adapter set plain fetch. */
export function routeShopifyOAuthToStandIn(): void {
  const plain = globalThis.fetch;
  setAbstractFetchFunc((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    const target = rewriteOAuthUrl(url, config().SHOPIFY_ADMIN_API_BASE_URL);
    return target === url ? plain(input, init) : plain(target, init);
  });
}
