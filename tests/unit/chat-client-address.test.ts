// The shopper's address for chat rate limits, from the X-Forwarded-For Shopify's app proxy adds.
import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "../../app/chat/client-address";

describe("chat client address", () => {
  it("takes the leftmost entry by default: the one Shopify's app proxy writes", () => {
    expect(clientAddressFrom("203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddressFrom("203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
  });

  it("with trusted hops, counts from the right past the app's own proxies", () => {
    expect(clientAddressFrom("6.6.6.6, 203.0.113.7, 10.0.0.2", 1)).toBe("203.0.113.7");
    expect(clientAddressFrom("203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddressFrom("203.0.113.7", 1)).toBeNull();
  });

  it("keys IPv6 by its /64 and unwraps IPv4-mapped addresses", () => {
    expect(clientAddressFrom("2001:db8:aa:1::5")).toBe("2001:db8:aa:1::/64");
    expect(clientAddressFrom("2001:0db8:00aa:0001:ffff:1:2:3")).toBe("2001:db8:aa:1::/64");
    expect(clientAddressFrom("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(clientAddressFrom("::ffff:198.51.100.4")).toBe("198.51.100.4");
  });

  it("ignores anything that is not an IP address", () => {
    expect(clientAddressFrom(null)).toBeNull();
    expect(clientAddressFrom("")).toBeNull();
    expect(clientAddressFrom("unknown")).toBeNull();
    expect(clientAddressFrom("evil.example")).toBeNull();
  });
});
