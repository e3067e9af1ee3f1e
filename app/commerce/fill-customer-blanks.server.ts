// Guest orders and checkouts tell us a customer's locale and country too; they
// fill what we do not know yet but never overwrite what Shopify's customer says.
import { normaliseCountryCode } from "../customers/addresses";
import { timezoneForCountry } from "../customers/country-timezone";
import type { Tx } from "./transaction.server";

export async function fillCustomerBlanks(
  tx: Tx,
  customerId: string,
  facts: { locale?: string | null; countryCode?: string | null },
): Promise<void> {
  const customer = await tx.customer.findUnique({
    where: { id: customerId },
    select: { locale: true, countryCode: true, ianaTimezone: true },
  });
  if (!customer) return;
  const countryCode = customer.countryCode ?? normaliseCountryCode(facts.countryCode);
  const data = {
    locale: customer.locale ? undefined : (facts.locale ?? undefined),
    countryCode: customer.countryCode ? undefined : (countryCode ?? undefined),
    ianaTimezone: customer.ianaTimezone ? undefined : (timezoneForCountry(countryCode) ?? undefined),
  };
  if (Object.values(data).some((v) => v !== undefined)) await tx.customer.update({ where: { id: customerId }, data });
}
