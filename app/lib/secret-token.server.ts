// Every token that authorises something (webhook URLs, reply-to addresses, chat visitor secrets)
// comes from here: 192 random bits from node:crypto, base64url (32 characters). Row ids (cuid)
// are never used as secrets: they share a timestamp, counter and host block with each other.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const SECRET_TOKEN_BYTES = 24;

export function newSecretToken(): string {
  return randomBytes(SECRET_TOKEN_BYTES).toString("base64url");
}

/** Reply-to local parts travel through mail systems that may fold case: lower-case hex only. */
export function newCaseInsensitiveToken(): string {
  return randomBytes(SECRET_TOKEN_BYTES).toString("hex");
}

/** Secrets are stored hashed: a database leak must not hand out working secrets. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function secretMatchesHash(secret: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
