// A visitor id names a chat; it does not prove who is asking. Each browser also keeps a random
// visitor secret (created by the widget with crypto.getRandomValues, at least 128 bits) that is
// only ever sent in a POST body, never in a URL. The CHAT_VISITOR identity stores its SHA-256 at
// first use; reading, writing, page reports and linking to a signed-in customer all need it.
//
// Identities created before secrets existed have no hash. They are never claimed by whoever
// presents one first (a visitor id travelled in query strings and may sit in access logs):
// they answer 403 like a wrong secret, and the widget then starts a fresh visitor id and secret.
import { z } from "zod";
import type { Tx } from "../commerce/transaction.server";
import { secretMatchesHash } from "../lib/secret-token.server";

/** 22 base64url characters are 132 random bits; the widget sends 32 (192 bits). */
export const visitorSecretSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,128}$/, "visitorSecret must be 22-128 letters, digits, _ or -");

export type VisitorSecretProblem = "missing" | "mismatch";

/** Thrown inside a chat transaction when the caller does not hold the visitor's secret. */
export class VisitorSecretError extends Error {
  constructor(readonly problem: VisitorSecretProblem) {
    super(problem === "missing" ? "visitor secret missing" : "visitor secret does not match");
  }
}

/**
 * What the caller's secret says about a visitor id: "new" (no identity yet: whoever writes first
 * registers it), "ok", or a problem. Call it again inside the write's transaction: two first
 * messages can race, and only the committed identity's hash counts.
 */
export async function checkVisitorSecret(
  tx: Tx,
  shopId: string,
  visitorId: string,
  secret: string | undefined,
): Promise<"new" | "ok" | VisitorSecretProblem> {
  const identity = await tx.customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: visitorId } },
    select: { secretHash: true },
  });
  if (!identity) return secret ? "new" : "missing";
  if (!secret) return "missing";
  return secretMatchesHash(secret, identity.secretHash) ? "ok" : "mismatch";
}

/** Throws VisitorSecretError unless the stored identity's hash matches `secret`. */
export function assertSecretMatches(secret: string | undefined, secretHash: string | null): void {
  if (!secret) throw new VisitorSecretError("missing");
  if (!secretMatchesHash(secret, secretHash)) throw new VisitorSecretError("mismatch");
}
