// Whether a customer may hear about an order (pure): it is theirs by identity, or every detail
// they gave matches it (the number found it; the email, compared case-insensitively, and/or the
// postcode, compared normalised, must match). Anything less is "not found", whatever the reason.
import type { KnowledgeLocale } from "../knowledge/contracts";
import { detectLanguage } from "../knowledge/detect-language";
import type { OrderLookupState } from "./lookup-state";
import { postcodesMatch, withoutReferences, type OrderReference } from "./order-reference";

export interface OrderOwnerFacts {
  /** gid://shopify/Customer/… or null for a guest order. */
  customerGid: string | null;
  email: string | null;
  postcodes: string[];
}

export function belongsToCustomer(order: OrderOwnerFacts, shopifyCustomerId: bigint): boolean {
  return order.customerGid !== null && order.customerGid.endsWith(`/${shopifyCustomerId}`);
}

export function detailsMatch(order: OrderOwnerFacts, ref: OrderReference): boolean {
  if (ref.email === null && ref.postcode === null) return false;
  if (ref.email !== null && order.email?.trim().toLowerCase() !== ref.email) return false;
  if (ref.postcode !== null && !order.postcodes.some((p) => postcodesMatch(ref.postcode!, p))) return false;
  return true;
}

/**
 * The language to answer in. A reply that is little more than "1001, 75001" says nothing about
 * the customer's language, so the language of the conversation's tracking question is kept.
 */
export function replyLocale(text: string, decided: KnowledgeLocale, state: OrderLookupState | null): KnowledgeLocale {
  if (!state) return decided;
  const words = withoutReferences(text)
    .split(/\s+/)
    .filter((w) => /\p{L}{2,}/u.test(w));
  return words.length < 3 ? state.locale : detectLanguage(words.join(" "));
}
