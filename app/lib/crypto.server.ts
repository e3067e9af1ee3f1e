// AES-256-GCM for secrets at rest (channel credentials, Shopify access tokens).
// Format: "v1:" + base64(iv | authTag | ciphertext). The version prefix lets a
// later key rotation tell old ciphertexts apart.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { config } from "../config.server";
import { decodeEncryptionKey, ENCRYPTION_KEY_FORMAT } from "./encryption-key";

const PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function parseEncryptionKey(raw: string): Buffer {
  const key = decodeEncryptionKey(raw);
  if (!key) throw new Error(`ENCRYPTION_KEY must be ${ENCRYPTION_KEY_FORMAT}`);
  return key;
}

function currentKey(): Buffer {
  const { ENCRYPTION_KEY, NODE_ENV } = config();
  if (ENCRYPTION_KEY) return parseEncryptionKey(ENCRYPTION_KEY);
  if (NODE_ENV === "production") throw new Error("ENCRYPTION_KEY is required in production");
  // Development and tests only: a fixed key derived from the API secret, so a
  // missing variable never blocks `npm run demo`.
  return createHash("sha256").update(`threadline-dev-key:${config().SHOPIFY_API_SECRET}`).digest();
}

export function encryptSecret(plaintext: string, key: Buffer = currentKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

export function decryptSecret(sealed: string, key: Buffer = currentKey()): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("Unknown secret format");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function encryptJson(value: unknown): string {
  return encryptSecret(JSON.stringify(value));
}

export function decryptJson<T>(sealed: string): T {
  return JSON.parse(decryptSecret(sealed)) as T;
}
