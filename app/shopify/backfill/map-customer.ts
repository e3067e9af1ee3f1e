import type { CustomerInput } from "../../commerce/types";
import { gidToBigInt } from "../graphql/gid";
import { consentFromGraphqlCustomer } from "../../consent/shopify-consent-adapter.server";
import type { GqlCustomer } from "../graphql/types";
import { mapAddress } from "./map-shared";

/** Shopify's RFM group (statistics.rfmGroup), null when Shopify gives none. */
export function mapCustomerRfmGroup(customer: GqlCustomer): string | null {
  return customer.statistics?.rfmGroup ?? null;
}

export function mapCustomer(customer: GqlCustomer): CustomerInput {
  return {
    shopifyCustomerId: gidToBigInt(customer.id),
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    locale: customer.locale ?? null,
    marketingConsent: consentFromGraphqlCustomer(customer),
    ordersCount: customer.numberOfOrders == null ? null : Number(customer.numberOfOrders),
    totalSpent: customer.amountSpent?.amount ?? null,
    defaultAddress: mapAddress(customer.defaultAddress),
    createdAt: customer.createdAt ? new Date(customer.createdAt) : null,
    updatedAt: new Date(customer.updatedAt),
  };
}
