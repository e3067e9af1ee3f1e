// ENCRYPTION_KEY's format, shared by config validation (refuse to start) and the cipher (use it).
// No imports: config.server.ts checks keys before anything else is loaded.

const HEX_KEY = /^[0-9a-f]{64}$/i;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}={0,1}$/;

export const ENCRYPTION_KEY_FORMAT = "32 bytes, given as 64 hex characters or base64";

/** The 32-byte key, or null when `raw` is not one (Buffer's base64 decoder skips junk, so check the shape first). */
export function decodeEncryptionKey(raw: string): Buffer | null {
  const trimmed = raw.trim();
  if (HEX_KEY.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (!BASE64_KEY.test(trimmed)) return null;
  const key = Buffer.from(trimmed, "base64");
  return key.length === 32 ? key : null;
}
