// "Refresh from Shopify" on a customer's order: checks the order is this shop's
// and this customer's, asks the Admin API for fresh details and reduces the
// answer to what the page shows (no BigInt, no customer PII beyond the order).
import { fetchOrderDetails, type OrderDetails } from "../shopify/order-details.server";
import { requireCustomerOrder } from "./customers.server";

export interface OrderDetailsView {
  name: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  totalPrice: string;
  currency: string;
  orderStatusUrl: string | null;
  processedAt: string | null;
  cancelledAt: string | null;
  lineItems: Array<{ title: string; quantity: number; sku: string | null; price: string }>;
  fulfillments: Array<{
    status: string | null;
    shipmentStatus: string | null;
    trackingCompany: string | null;
    trackingNumber: string | null;
    trackingUrl: string | null;
    updatedAt: string | null;
  }>;
}

export function toOrderDetailsView(details: OrderDetails): OrderDetailsView {
  return {
    name: details.name,
    financialStatus: details.financialStatus,
    fulfillmentStatus: details.fulfillmentStatus,
    totalPrice: details.totalPrice,
    currency: details.currency,
    orderStatusUrl: details.orderStatusUrl,
    processedAt: details.processedAt?.toISOString() ?? null,
    cancelledAt: details.cancelledAt?.toISOString() ?? null,
    lineItems: details.lineItems.map((li) => ({
      title: li.title,
      quantity: li.quantity,
      sku: li.sku ?? null,
      price: li.price,
    })),
    fulfillments: details.fulfillments.map((f) => ({
      status: f.status ?? null,
      shipmentStatus: f.shipmentStatus ?? null,
      trackingCompany: f.trackingCompany ?? null,
      trackingNumber: f.trackingNumber ?? null,
      trackingUrl: f.trackingUrl ?? null,
      updatedAt: f.updatedAt ? new Date(f.updatedAt).toISOString() : null,
    })),
  };
}

export class OrderGoneError extends Error {
  constructor() {
    super("Shopify no longer has this order (it may have been deleted).");
  }
}

export async function refreshCustomerOrder(
  shop: { id: string; domain: string },
  customerId: string,
  orderId: string,
): Promise<OrderDetailsView> {
  const order = await requireCustomerOrder(shop.id, customerId, orderId);
  const details = await fetchOrderDetails(shop.domain, order.shopifyOrderId);
  if (!details) throw new OrderGoneError();
  return toOrderDetailsView(details);
}
