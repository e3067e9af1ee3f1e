// Writes what Shopify says about a customer (from customers/* webhooks, the
// backfill, or the customer embedded in an order or checkout) onto our Customer.
// Marketing consent comes only from the backfill's GraphQL fields here; see types.ts.
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
        shopifyCreatedAt: input.createdAt,
      }),
      shopifyUpdatedAt: input.updatedAt,
    },
  });
  // A customer created just now was created with these very facts: nothing is blank that they fill.
  if (!resolved!.created)
    await fillCustomerBlanks(tx, customerId, { locale: input.locale ?? context.locale, countryCode });

  // Only the backfill carries consent (customers/* webhooks lost it in 2025-01; the consent
  // webhooks have their own handler). A report Shopify left undated is dated by the customer's
  // updated_at; an undated grant only fills a blank, so it can never undo an opt-out we hold.
  for (const report of input.marketingConsent ?? []) {
    if (!report.state) continue;
    if (!report.occurredAt && report.state === "GRANTED") {
      const held = await tx.consent.findUnique({
        where: { customerId_channel_purpose: { customerId, channel: report.channel, purpose: "MARKETING" } },
        select: { id: true },
      });
      if (held) continue;
    }
    await recordMarketingConsent(tx, {
      shopId,
      customerId,
      channel: report.channel,
      state: report.state,
      source: "SHOPIFY_CUSTOMER",
      occurredAt: report.occurredAt ?? input.updatedAt,
    });
  }
  return customerId;
}
