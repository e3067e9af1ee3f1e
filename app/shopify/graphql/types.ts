// The GraphQL Admin API shapes Threadline selects (2026-10), as they arrive on the wire.
import type { GqlCustomerConsentFields } from "../../consent/shopify-consent-adapter.server";

export interface GqlMoney {
  amount: string;
  currencyCode: string;
}
export interface GqlMoneyBag {
  shopMoney: GqlMoney;
}
export type GqlMarketingState = "SUBSCRIBED" | "UNSUBSCRIBED" | "NOT_SUBSCRIBED" | "PENDING" | "INVALID" | "REDACTED";

export interface GqlAddress {
  firstName?: string | null;
  lastName?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  countryCodeV2?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  phone?: string | null;
}

export interface GqlCustomer {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  numberOfOrders?: string | number | null;
  amountSpent?: GqlMoney | null;
  /** Marketing consent lives on these (2026-10); only the consent adapter reads them. */
  defaultEmailAddress?: GqlCustomerConsentFields["defaultEmailAddress"];
  defaultPhoneNumber?: GqlCustomerConsentFields["defaultPhoneNumber"];
  defaultAddress?: GqlAddress | null;
  /** Only the backfill's customers query asks for it (rfmGroup: a CustomerRfmGroup value or null). */
  statistics?: { rfmGroup?: string | null } | null;
  createdAt?: string;
  updatedAt: string;
}

export interface GqlLineItem {
  title: string;
  quantity: number;
  sku?: string | null;
  originalUnitPriceSet?: GqlMoneyBag | null;
  product?: { id: string } | null;
  variant?: { id: string } | null;
  image?: { url: string } | null;
}

export interface GqlFulfillment {
  id: string;
  status?: string | null;
  displayStatus?: string | null;
  trackingInfo?: { company?: string | null; number?: string | null; url?: string | null }[];
  deliveredAt?: string | null;
  createdAt?: string | null;
  updatedAt: string;
}

export interface GqlOrder {
  id: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  customerLocale?: string | null;
  currencyCode: string;
  totalPriceSet: GqlMoneyBag;
  displayFinancialStatus?: string | null;
  displayFulfillmentStatus?: string | null;
  statusPageUrl?: string | null;
  processedAt?: string | null;
  cancelledAt?: string | null;
  createdAt?: string;
  updatedAt: string;
  customer?: GqlCustomer | null;
  shippingAddress?: GqlAddress | null;
  /** Paginated queries return a connection; bulk results arrive as child lines and are folded into nodes. */
  lineItems: { nodes: GqlLineItem[] };
  fulfillments?: GqlFulfillment[];
}

export interface GqlAbandonedCheckout {
  id: string;
  abandonedCheckoutUrl: string;
  totalPriceSet: GqlMoneyBag;
  completedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  customer?: GqlCustomer | null;
  shippingAddress?: GqlAddress | null;
  lineItems: { nodes: GqlCheckoutLineItem[] };
}

export interface GqlCheckoutLineItem {
  title: string;
  quantity: number;
  sku?: string | null;
  originalUnitPriceSet?: GqlMoneyBag | null;
  product?: { id: string } | null;
  variant?: { id: string } | null;
  image?: { url: string } | null;
}

export interface GqlPageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface GqlConnection<T> {
  nodes: T[];
  pageInfo: GqlPageInfo;
}

export interface GqlShop {
  name: string;
  email?: string | null;
  currencyCode: string;
  ianaTimezone: string;
  myshopifyDomain?: string;
  primaryDomain?: { host: string; url: string } | null;
}

export type GqlBulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "CANCELING" | "CANCELED" | "FAILED" | "EXPIRED";
export interface GqlBulkOperation {
  id: string;
  status: GqlBulkStatus;
  errorCode?: string | null;
  objectCount?: string | null;
  url?: string | null;
  partialDataUrl?: string | null;
}
