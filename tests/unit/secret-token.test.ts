// Tokens that authorise something are random, not derived from anything a row id shares
// (issue 10, item 8): cuid v1 tokens differed from each other in about eight characters.
import { describe, expect, it } from "vitest";
import {
  hashSecret,
  newCaseInsensitiveToken,
  newSecretToken,
  secretMatchesHash,
} from "../../app/lib/secret-token.server";

const commonPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};

describe("secret tokens", () => {
  it("webhook tokens: 192 bits as URL-safe base64url, no padding", () => {
    const token = newSecretToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(24);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it("reply-to tokens: 192 bits as lower-case hex, safe in a case-folded email local part", () => {
    const token = newCaseInsensitiveToken();
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(token.toLowerCase()).toBe(token);
  });

  it.each([
    ["newSecretToken", newSecretToken, 64],
    ["newCaseInsensitiveToken", newCaseInsensitiveToken, 16],
  ])(
    "%s: consecutive tokens share nothing but chance, every symbol at every position occurs",
    (_name, make, alphabet) => {
      const tokens = Array.from({ length: 4000 }, () => make());
      expect(new Set(tokens).size).toBe(tokens.length);
      // Sequential tokens (a counter or clock inside) would share long prefixes with their neighbour.
      let longest = 0;
      for (let i = 1; i < tokens.length; i++) longest = Math.max(longest, commonPrefix(tokens[i - 1], tokens[i]));
      expect(longest).toBeLessThan(6);
      // Uniform symbols at the first, middle and last positions: no fixed block (a host id, a timestamp).
      for (const at of [0, Math.floor(tokens[0].length / 2), tokens[0].length - 1]) {
        const seen = new Set(tokens.map((t) => t[at]));
        expect(seen.size).toBe(alphabet);
      }
    },
  );

  it("stores secrets as SHA-256 hashes and compares them in constant time", () => {
    const secret = newSecretToken();
    const stored = hashSecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatchesHash(secret, stored)).toBe(true);
    expect(secretMatchesHash(newSecretToken(), stored)).toBe(false);
    expect(secretMatchesHash(secret, null)).toBe(false);
  });
});
