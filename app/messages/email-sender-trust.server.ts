// How far an inbound email's sender can be trusted (decision 0021).
// A reply-to token or In-Reply-To proves which conversation is meant, never who wrote: anyone who
// saw one of our emails holds it. And the From header is whatever the sender typed. So:
// - authenticated: SPF passed for an envelope sender in the From address's domain, or a DKIM
//   signature of that domain passed (a pass for some other domain proves nothing about From).
//   Missing or unreadable fields count as not passed.
// - VERIFIED: authenticated AND the From address is already one of the customer's addresses.
// - UNKNOWN_ADDRESS: authenticated, but not one of the customer's addresses.
// - FAILED_AUTH: neither SPF nor DKIM passed for the From domain: the address may be forged.
import type { EmailAuthResults } from "../channels/sendgrid/inbound-email";
import type { Tx } from "../commerce/transaction.server";
import type { SenderCheck } from "../generated/prisma/enums";

function domainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf("@") ?? -1;
  return at > 0
    ? email!
        .slice(at + 1)
        .toLowerCase()
        .replace(/\.$/, "")
    : null;
}

/**
 * DMARC-style relaxed alignment without a public-suffix list: the same domain, or one a subdomain
 * of the other (mail.example.com signs for example.com). Never looser than DMARC's relaxed mode.
 */
function aligned(checked: string | null, fromDomain: string): boolean {
  if (!checked) return false;
  return checked === fromDomain || checked.endsWith(`.${fromDomain}`) || fromDomain.endsWith(`.${checked}`);
}

export function senderAuthenticated(from: string, auth: EmailAuthResults): boolean {
  const fromDomain = domainOf(from);
  if (!fromDomain) return false;
  const spf = auth.spf === "pass" && aligned(domainOf(auth.envelopeFrom), fromDomain);
  const dkim = auth.dkim.some((s) => s.result === "pass" && aligned(s.domain, fromDomain));
  return spf || dkim;
}

export function judgeEmailSender(input: { authenticated: boolean; knownToCustomer: boolean }): SenderCheck {
  if (!input.authenticated) return "FAILED_AUTH";
  return input.knownToCustomer ? "VERIFIED" : "UNKNOWN_ADDRESS";
}

/** The customer's own addresses: their EMAIL identities and the email on their record. */
export async function isCustomersEmail(tx: Tx, shopId: string, customerId: string, email: string): Promise<boolean> {
  const identity = await tx.customerIdentity.findFirst({
    where: { shopId, customerId, kind: "EMAIL", value: email },
    select: { id: true },
  });
  if (identity) return true;
  const customer = await tx.customer.findFirst({ where: { id: customerId, shopId }, select: { email: true } });
  return customer?.email?.trim().toLowerCase() === email;
}

/** Plain words for staff beside a message whose sender is not verified; null when there is nothing to say. */
export function senderCheckNote(senderCheck: SenderCheck | null, fromAddress: string | null): string | null {
  if (senderCheck === "UNKNOWN_ADDRESS") return `Unverified sender: ${fromAddress ?? "unknown address"}`;
  if (senderCheck === "FAILED_AUTH") return `Sender failed SPF and DKIM: ${fromAddress ?? "unknown address"}`;
  return null;
}
