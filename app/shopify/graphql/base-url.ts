// Tests and the demo point the Admin API at a local stand-in: the same path on
// another origin, so nothing else about the request changes.

export function rewriteAdminApiUrl(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const original = new URL(url);
  if (!original.pathname.startsWith("/admin/api/")) return url;
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/$/, "");
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}
