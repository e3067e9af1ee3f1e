// Shopify's app proxy adds `X-Forwarded-For: <client IP>` to every request it forwards (Shopify's
// "Authenticate app proxies" guide). Proxies of the app's own host may append their peers after it.
// By default the leftmost entry is taken: the address Shopify reported. When
// FORWARDED_FOR_TRUSTED_HOPS is set, the entry that many places left of the last one is taken
// instead (for hosts whose edge appends the address it saw, should Shopify ever pass a shopper's
// own header through). Only ever used for rate limits, never as proof of anything.
import { isIP } from "node:net";

/** Expands an IPv6 address and keeps its first four groups: one subscriber usually holds a whole /64. */
function ipv6Prefix64(address: string): string | null {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) takes two groups' places.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const missing = 8 - width(left) - width(right);
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

export function clientAddressFrom(forwardedFor: string | null, trustedHops?: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return null;
  const chosen = trustedHops === undefined ? entries[0]! : entries[entries.length - 1 - trustedHops];
  const address = chosen?.replace(/^\[(.*)\]$/, "$1");
  if (!address) return null;
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? mapped[1]! : ipv6Prefix64(address);
  }
  return null;
}
