import type { OrderInput } from "../../commerce/types";
import { gidToBigInt } from "../graphql/gid";
import type { GqlOrder } from "../graphql/types";
import { mapCustomer } from "./map-customer";
import { mapFulfillment } from "./map-fulfillment";
import { mapAddress, mapLineItem, toDate } from "./map-shared";

/** REST's financial_status is GraphQL's displayFinancialStatus in lower case (PARTIALLY_PAID → partially_paid). */
export function financialStatusOf(status: string | null | undefined): string | null {
  return status ? status.toLowerCase() : null;
}

// REST's fulfillment_status: null while nothing shipped, "partial", "fulfilled", "restocked".
const FULFILLMENT_STATUS_OF_DISPLAY: Record<string, string | null> = {
  FULFILLED: "fulfilled",
  PARTIALLY_FULFILLED: "partial",
  RESTOCKED: "restocked",
  UNFULFILLED: null,
};

export function orderFulfillmentStatusOf(status: string | null | undefined): string | null {
  if (!status) return null;
  return status in FULFILLMENT_STATUS_OF_DISPLAY ? FULFILLMENT_STATUS_OF_DISPLAY[status] : status.toLowerCase();
}

export function mapOrder(order: GqlOrder): OrderInput {
  const shopifyOrderId = gidToBigInt(order.id);
  const email = order.email ?? order.customer?.email ?? null;
  const phone = order.phone ?? order.customer?.phone ?? null;
  return {
    shopifyOrderId,
    name: order.name ?? null,
    customer: order.customer ? mapCustomer(order.customer) : null,
    email,
    phone,
    currency: order.totalPriceSet.shopMoney.currencyCode ?? order.currencyCode,
    totalPrice: order.totalPriceSet.shopMoney.amount,
    financialStatus: financialStatusOf(order.displayFinancialStatus),
    fulfillmentStatus: orderFulfillmentStatusOf(order.displayFulfillmentStatus),
    // GraphQL's Order has no checkout token; undefined (not null) leaves a webhook's value alone.
    checkoutToken: undefined,
    orderStatusUrl: order.statusPageUrl ?? null,
    lineItems: order.lineItems.nodes.map(mapLineItem),
    shippingAddress: mapAddress(order.shippingAddress),
    locale: order.customerLocale ?? null,
    processedAt: toDate(order.processedAt ?? order.createdAt),
    cancelledAt: toDate(order.cancelledAt),
    updatedAt: new Date(order.updatedAt),
    fulfillments: (order.fulfillments ?? []).map((f) => mapFulfillment(f, { shopifyOrderId, email, phone })),
  };
}
