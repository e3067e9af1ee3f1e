// Selections shared by the paginated queries, the bulk queries and order details.
import { CUSTOMER_CONSENT_FIELDS } from "../../../consent/shopify-consent-adapter.server";

export const ADDRESS_FIELDS = `firstName lastName city province provinceCode zip countryCodeV2 latitude longitude phone`;

export const CUSTOMER_FIELDS = `
  id firstName lastName email phone locale numberOfOrders updatedAt createdAt
  amountSpent { amount currencyCode }
  ${CUSTOMER_CONSENT_FIELDS}
  defaultAddress { ${ADDRESS_FIELDS} }`;

export const LINE_ITEM_FIELDS = `
  title quantity sku
  originalUnitPriceSet { shopMoney { amount currencyCode } }
  product { id } variant { id } image { url }`;

export const FULFILLMENT_FIELDS = `
  id status displayStatus deliveredAt createdAt updatedAt
  trackingInfo { company number url }`;

/** Order fields without line items (connections differ between paginated and bulk queries). */
export const ORDER_FIELDS = `
  id name email phone customerLocale currencyCode
  totalPriceSet { shopMoney { amount currencyCode } }
  displayFinancialStatus displayFulfillmentStatus statusPageUrl
  processedAt cancelledAt createdAt updatedAt
  customer { ${CUSTOMER_FIELDS} }
  shippingAddress { ${ADDRESS_FIELDS} }
  fulfillments(first: 10) { ${FULFILLMENT_FIELDS} }`;

export const CHECKOUT_FIELDS = `
  id abandonedCheckoutUrl completedAt createdAt updatedAt
  totalPriceSet { shopMoney { amount currencyCode } }
  customer { ${CUSTOMER_FIELDS} }
  shippingAddress { ${ADDRESS_FIELDS} }`;
