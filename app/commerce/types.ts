// Source-neutral shapes of what Shopify tells us. Webhooks (REST JSON, snake_case)
// and the backfill (GraphQL, camelCase, GIDs) both map into these, and one set of
// idempotent upserts (./ingest.server.ts) writes them, so the two paths merge.
import type { ShopifyConsentReport } from "../consent/shopify-consent-adapter.server";

export interface AddressInput {
  countryCode?: string | null;
  province?: string | null;
  /** Shopify's province code ("CA" for California, "ON" for Ontario): location promotions' regions. */
  provinceCode?: string | null;
  /** Shopify's geocoding of the address, when it has one: location promotions' distances. */
  latitude?: number | null;
  longitude?: number | null;
  city?: string | null;
  zip?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
}

export interface LineItemInput {
  title: string;
  quantity: number;
  price: string;
  productId?: string | null;
  variantId?: string | null;
  sku?: string | null;
  imageUrl?: string | null;
}

export interface CustomerInput {
  shopifyCustomerId: bigint;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  /**
   * Marketing consent read through app/consent/shopify-consent-adapter.server.ts (the backfill's
   * defaultEmailAddress / defaultPhoneNumber). REST customer payloads carry none since 2025-01.
   */
  marketingConsent?: ShopifyConsentReport[] | null;
  ordersCount?: number | null;
  totalSpent?: string | null;
  defaultAddress?: AddressInput | null;
  /** When Shopify created the customer ("Customer since"). */
  createdAt?: Date | null;
  updatedAt: Date;
}

export interface OrderInput {
  shopifyOrderId: bigint;
  name?: string | null;
  customer?: CustomerInput | null;
  email?: string | null;
  phone?: string | null;
  currency: string;
  totalPrice: string;
  financialStatus?: string | null;
  fulfillmentStatus?: string | null;
  checkoutToken?: string | null;
  orderStatusUrl?: string | null;
  lineItems: LineItemInput[];
  shippingAddress?: AddressInput | null;
  locale?: string | null;
  processedAt?: Date | null;
  cancelledAt?: Date | null;
  updatedAt: Date;
  fulfillments?: FulfillmentInput[];
}

export interface CheckoutInput {
  token: string;
  shopifyCheckoutId?: bigint | null;
  customer?: CustomerInput | null;
  email?: string | null;
  phone?: string | null;
  currency: string;
  totalPrice: string;
  abandonedCheckoutUrl?: string | null;
  lineItems: LineItemInput[];
  shippingAddress?: AddressInput | null;
  locale?: string | null;
  buyerAcceptsMarketing?: boolean | null;
  buyerAcceptsSmsMarketing?: boolean | null;
  completedAt?: Date | null;
  createdAt?: Date | null;
  updatedAt: Date;
}

export interface FulfillmentInput {
  shopifyFulfillmentId: bigint;
  shopifyOrderId: bigint;
  status?: string | null;
  /** Shopify's shipment_status: label_printed, in_transit, out_for_delivery, delivered, failure... */
  shipmentStatus?: string | null;
  trackingCompany?: string | null;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
  lineItems?: LineItemInput[];
  createdAt?: Date | null;
  updatedAt: Date;
  /** The order's customer, when the source carries it (fulfillment webhooks often do not). */
  email?: string | null;
  phone?: string | null;
}
