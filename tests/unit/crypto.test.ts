import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey } from "../../app/lib/crypto.server";

describe("secrets at rest", () => {
  it("GIVEN a secret WHEN sealed THEN it opens again and the ciphertext hides it", () => {
    const sealed = encryptSecret("sk_live_secret");
    expect(sealed).not.toContain("sk_live_secret");
    expect(decryptSecret(sealed)).toBe("sk_live_secret");
  });

  it("GIVEN a tampered ciphertext WHEN opened THEN it refuses", () => {
    const sealed = encryptSecret("token");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`)).toThrow();
  });

  it("GIVEN a key of the wrong length THEN it is rejected with a clear message", () => {
    expect(() => parseEncryptionKey("abcd")).toThrow(/32 bytes/);
  });
});
