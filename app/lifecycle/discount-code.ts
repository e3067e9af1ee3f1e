// A run's discount code, derived from the run id alone: computing it again after a crash gives the
// same code, so Shopify's "code taken" answer tells us our own earlier attempt got through.
import { createHash } from "node:crypto";

// Crockford-style base32 without I, L, O, U: nothing to misread when typing the code at checkout.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_PART = 10; // 50 bits: no two runs of a shop realistically share one

/** Up to 12 letters/digits of the promotion name ("Summer Paris" → "SUMMERPARIS"), else "TL". */
export function codePrefix(promotionName: string): string {
  const letters = promotionName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]/g, "")
    .toUpperCase()
    .slice(0, 12);
  return letters || "TL";
}

export function discountCodeFor(runId: string, promotionName: string): string {
  const digest = createHash("sha256").update(`threadline-discount:${runId}`).digest();
  let suffix = "";
  for (let i = 0; i < RANDOM_PART; i++) suffix += ALPHABET[digest[i] % 32];
  return `${codePrefix(promotionName)}-${suffix}`;
}
