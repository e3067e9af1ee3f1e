// Writes what Shopify says about a customer (from customers/* webhooks, the
// backfill, or the customer embedded in an order or checkout) onto our Customer.
import type { ConsentState } from "../generated/prisma/client";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../customers/addresses";
import { recordMarketingConsent } from "../customers/record-consent.server";
import { resolveCustomer } from "../customers/resolve-customer.server";
import { fillCustomerBlanks } from "./fill-customer-blanks.server";
import type { Tx } from "./transaction.server";
import type { CustomerInput } from "./types";

/** Addresses and context from the surrounding order or checkout. */
export interface CustomerContext {
  emails?: Array<string | null | undefined>;
  phones?: Array<string | null | undefined>;
  countryCode?: string | null;
  locale?: string | null;
}

type ShopifyMarketingState = CustomerInput["emailMarketing"];

// NOT_SUBSCRIBED and PENDING say nothing new (never asked, or double opt-in not
// yet confirmed), so they leave whatever we hold untouched.
function consentStateOf(state: ShopifyMarketingState): ConsentState | null {
  if (state === "SUBSCRIBED") return "GRANTED";
  if (state === "UNSUBSCRIBED") return "REVOKED";
  return null;
}

function definedOnly<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

export async function applyCustomerInput(
  tx: Tx,
  shopId: string,
  input: CustomerInput,
  context: CustomerContext = {},
): Promise<string> {
  const countryCode = normaliseCountryCode(input.defaultAddress?.countryCode ?? context.countryCode);
  const resolved = await resolveCustomer(tx, shopId, {
    shopifyCustomerId: input.shopifyCustomerId,
    emails: [input.email, ...(context.emails ?? [])],
    phones: [input.phone, input.defaultAddress?.phone, ...(context.phones ?? [])],
    countryCode,
    firstName: input.firstName,
    lastName: input.lastName,
    locale: input.locale ?? context.locale,
  });
  const customerId = resolved!.customerId;

  // Newer-wins: a payload older than the one applied last leaves the fields alone.
  // Fields a payload does not carry (null/undefined) are never blanked.
  await tx.customer.updateMany({
    where: { id: customerId, OR: [{ shopifyUpdatedAt: null }, { shopifyUpdatedAt: { lt: input.updatedAt } }] },
    data: {
      ...definedOnly({
        firstName: input.firstName,
        lastName: input.lastName,
        email: normaliseEmail(input.email),
        phone: normalisePhone(input.phone, countryCode),
        locale: input.locale,
        countryCode,
        ordersCount: input.ordersCount,
        totalSpent: input.totalSpent,
      }),
      shopifyUpdatedAt: input.updatedAt,
    },
  });
  // A customer created just now was created with these very facts: nothing is blank that they fill.
  if (!resolved!.created)
    await fillCustomerBlanks(tx, customerId, { locale: input.locale ?? context.locale, countryCode });

  const consentAt = input.marketingConsentUpdatedAt ?? input.updatedAt;
  const channels = [
    ["EMAIL", consentStateOf(input.emailMarketing)],
    ["SMS", consentStateOf(input.smsMarketing)],
  ] as const;
  for (const [channel, state] of channels) {
    if (!state) continue;
    await recordMarketingConsent(tx, {
      shopId,
      customerId,
      channel,
      state,
      source: "SHOPIFY_CUSTOMER",
      occurredAt: consentAt,
    });
  }
  return customerId;
}
