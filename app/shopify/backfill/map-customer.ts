import type { CustomerInput } from "../../commerce/types";
import { gidToBigInt } from "../graphql/gid";
import type { GqlCustomer, GqlMarketingState } from "../graphql/types";
import { mapAddress, toDate } from "./map-shared";

type ConsentState = NonNullable<CustomerInput["emailMarketing"]>;

/** INVALID and REDACTED are Shopify's ways of saying "do not market"; our vocabulary has no separate word. */
export function mapMarketingState(state: GqlMarketingState | null | undefined): ConsentState | null {
  switch (state) {
    case "SUBSCRIBED":
    case "UNSUBSCRIBED":
    case "NOT_SUBSCRIBED":
    case "PENDING":
      return state;
    case "INVALID":
    case "REDACTED":
      return "NOT_SUBSCRIBED";
    default:
      return null;
  }
}

function latest(...dates: (Date | null)[]): Date | null {
  const present = dates.filter((d): d is Date => d !== null);
  return present.length ? new Date(Math.max(...present.map((d) => d.getTime()))) : null;
}

export function mapCustomer(customer: GqlCustomer): CustomerInput {
  return {
    shopifyCustomerId: gidToBigInt(customer.id),
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    locale: customer.locale ?? null,
    emailMarketing: mapMarketingState(customer.emailMarketingConsent?.marketingState),
    smsMarketing: mapMarketingState(customer.smsMarketingConsent?.marketingState),
    marketingConsentUpdatedAt: latest(
      toDate(customer.emailMarketingConsent?.consentUpdatedAt),
      toDate(customer.smsMarketingConsent?.consentUpdatedAt),
    ),
    ordersCount: customer.numberOfOrders == null ? null : Number(customer.numberOfOrders),
    totalSpent: customer.amountSpent?.amount ?? null,
    defaultAddress: mapAddress(customer.defaultAddress),
    updatedAt: new Date(customer.updatedAt),
  };
}
