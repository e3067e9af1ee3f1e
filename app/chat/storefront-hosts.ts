// Which web addresses belong to the shop itself. Staff see the page a chatting shopper reports as a
// link only when it is on one of these hosts: the widget's report is shopper-controlled, and a link
// to anywhere (https://evil-phish.example/login) beside a customer's conversation is a phishing
// lure with the app's authority. Known hosts: the shop's myshopify domain, plus
// Shop.settings.storefrontHosts (the primary domain the backfill reads from the Admin API, and
// the demo storefront's address under `npm run demo`). Shared by the server and the admin UI.

function hostList(settings: unknown): string[] {
  const raw = settings && typeof settings === "object" ? (settings as Record<string, unknown>).storefrontHosts : null;
  return Array.isArray(raw) ? raw.filter((h): h is string => typeof h === "string" && h.length > 0) : [];
}

export function storefrontHostsOf(shop: { domain: string; settings?: unknown }): string[] {
  return [...new Set([shop.domain, ...hostList(shop.settings)].map((h) => h.toLowerCase()))];
}

/** `url` when it is an http(s) address on one of `hosts` (host and port, no credentials); else null. */
export function linkableStorefrontUrl(url: unknown, hosts: readonly string[]): string | null {
  if (typeof url !== "string") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  if (parsed.username || parsed.password) return null;
  return hosts.includes(parsed.host.toLowerCase()) ? parsed.href : null;
}
