// The customer an order or checkout belongs to: the Shopify customer it carries,
// else a guest matched by the contact email or phone. (A shipping phone may be a
// gift recipient's, so only the contact fields identify a guest.)
import { normaliseCountryCode } from "../customers/addresses";
import { resolveCustomer } from "../customers/resolve-customer.server";
import { applyCustomerInput } from "./apply-customer.server";
import { fillCustomerBlanks } from "./fill-customer-blanks.server";
import type { Tx } from "./transaction.server";
import type { AddressInput, CustomerInput } from "./types";

export interface ContactFields {
  customer?: CustomerInput | null;
  email?: string | null;
  phone?: string | null;
  shippingAddress?: AddressInput | null;
  locale?: string | null;
}

export async function customerOfContact(tx: Tx, shopId: string, input: ContactFields): Promise<string | null> {
  const countryCode = normaliseCountryCode(input.shippingAddress?.countryCode);
  const contact = { emails: [input.email], phones: [input.phone], countryCode, locale: input.locale };
  if (input.customer) return applyCustomerInput(tx, shopId, input.customer, contact);
  const guest = await resolveCustomer(tx, shopId, contact);
  if (guest) await fillCustomerBlanks(tx, guest.customerId, { locale: input.locale, countryCode });
  return guest?.customerId ?? null;
}
