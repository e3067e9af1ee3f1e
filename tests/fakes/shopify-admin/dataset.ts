// What the stand-in knows about its shop, in GraphQL Admin API shapes (2026-10).
// Connections are stored as plain arrays; the server wraps them as the wire does.

export type FakeMarketingState = "SUBSCRIBED" | "UNSUBSCRIBED" | "NOT_SUBSCRIBED" | "PENDING";

export interface FakeMoney {
  amount: string;
  currencyCode: string;
}

export interface FakeAddress {
  firstName: string | null;
  lastName: string | null;
  address1: string | null;
  city: string | null;
  province: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

export type FakeMarketingOptInLevel = "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN";

export interface FakeCustomerEmailAddress {
  emailAddress: string;
  marketingState: FakeMarketingState;
  marketingOptInLevel: FakeMarketingOptInLevel | null;
  marketingUpdatedAt: string | null;
}

export interface FakeCustomerPhoneNumber {
  phoneNumber: string;
  marketingState: FakeMarketingState;
  marketingOptInLevel: FakeMarketingOptInLevel | null;
  marketingUpdatedAt: string | null;
  marketingCollectedFrom: "SHOPIFY" | "OTHER" | null;
}

export interface FakeCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  numberOfOrders: string;
  amountSpent: FakeMoney;
  /** 2026-10: marketing consent lives on the customer's default email address and phone number. */
  defaultEmailAddress: FakeCustomerEmailAddress | null;
  defaultPhoneNumber: FakeCustomerPhoneNumber | null;
  defaultAddress: FakeAddress | null;
  /**
   * CustomerStatistics as the wire carries it (`statistics { rfmGroup }`): a CustomerRfmGroup value,
   * or null when Shopify has not scored the customer. Absent: the shop gives no RFM at all.
   */
  statistics?: { rfmGroup: FakeRfmGroup | null };
  createdAt: string;
  updatedAt: string;
}

export type FakeRfmGroup =
  | "CHAMPIONS"
  | "LOYAL"
  | "ACTIVE"
  | "NEW"
  | "PROMISING"
  | "NEEDS_ATTENTION"
  | "AT_RISK"
  | "PREVIOUSLY_LOYAL"
  | "ALMOST_LOST"
  | "DORMANT"
  | "PROSPECTS";

export interface FakeLineItem {
  title: string;
  quantity: number;
  sku: string | null;
  originalUnitPriceSet: { shopMoney: FakeMoney };
  product: { id: string } | null;
  variant: { id: string } | null;
  image: { url: string } | null;
}

export type FakeFulfillmentDisplayStatus = "CONFIRMED" | "IN_TRANSIT" | "OUT_FOR_DELIVERY" | "DELIVERED" | "FAILURE";

export interface FakeFulfillment {
  id: string;
  status: "SUCCESS" | "CANCELLED" | "OPEN";
  displayStatus: FakeFulfillmentDisplayStatus;
  trackingInfo: { company: string; number: string; url: string }[];
  deliveredAt: string | null;
  /** The carrier's delivery estimate (order tracking reads it); absent means none. */
  estimatedDeliveryAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FakeOrder {
  id: string;
  name: string;
  /** Resolved against customers when answering; null for guest orders. */
  customerId: string | null;
  email: string | null;
  phone: string | null;
  customerLocale: string;
  currencyCode: string;
  totalPriceSet: { shopMoney: FakeMoney };
  displayFinancialStatus: "PAID" | "PENDING" | "PARTIALLY_REFUNDED" | "REFUNDED" | "AUTHORIZED";
  displayFulfillmentStatus: "FULFILLED" | "UNFULFILLED" | "PARTIALLY_FULFILLED";
  statusPageUrl: string;
  processedAt: string;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  shippingAddress: FakeAddress | null;
  lineItems: FakeLineItem[];
  fulfillments: FakeFulfillment[];
}

export interface FakeAbandonedCheckout {
  id: string;
  /** The checkout token, as it appears inside abandonedCheckoutUrl (webhooks carry it as `token`). */
  token: string;
  customerId: string | null;
  abandonedCheckoutUrl: string;
  totalPriceSet: { shopMoney: FakeMoney };
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  shippingAddress: FakeAddress | null;
  lineItems: FakeLineItem[];
}

/** ShopPolicy (2026-10): body is the HTML the merchant wrote in Settings → Policies. */
export interface FakeShopPolicy {
  id: string;
  type:
    | "REFUND_POLICY"
    | "SHIPPING_POLICY"
    | "PRIVACY_POLICY"
    | "TERMS_OF_SERVICE"
    | "CONTACT_INFORMATION"
    | "LEGAL_NOTICE"
    | "SUBSCRIPTION_POLICY"
    | "TERMS_OF_SALE";
  title: string;
  body: string;
  url: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeShop {
  /** The myshopify domain. */
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryLocale: string;
  primaryDomain: { host: string; url: string };
  /** What `shop { shopPolicies }` answers; none when absent. */
  policies?: FakeShopPolicy[];
}

export interface FakeProductVariant {
  id: string;
  title: string;
  sku: string | null;
  /** Money scalar (decimal text). */
  price: string;
  compareAtPrice: string | null;
  availableForSale: boolean;
  inventoryQuantity: number;
  inventoryPolicy: "DENY" | "CONTINUE";
  inventoryItem: { tracked: boolean };
  image: { url: string } | null;
  updatedAt: string;
}

/** Product (2026-10); collections and variants are connections on the wire (products.ts wraps them). */
export interface FakeProduct {
  id: string;
  title: string;
  handle: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  onlineStoreUrl: string | null;
  featuredImage: { url: string } | null;
  productType: string | null;
  vendor: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  collections: { id: string }[];
  variants: FakeProductVariant[];
}

export interface FakeShopDataset {
  shop: FakeShop;
  customers: FakeCustomer[];
  orders: FakeOrder[];
  abandonedCheckouts: FakeAbandonedCheckout[];
  /** The catalogue (BackfillProducts and bulk `{ products`); none when absent. */
  products?: FakeProduct[];
}

export function gidNumber(gid: string): bigint {
  return BigInt(gid.slice(gid.lastIndexOf("/") + 1));
}

// The generator lives beside the types; importing it from here keeps one entry point for datasets.
export { generateShopDataset, type GenerateShopDatasetOptions } from "./generate-dataset";
