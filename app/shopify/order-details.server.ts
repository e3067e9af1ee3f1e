// Fresh order details straight from Shopify, for pages where our stored copy may lag.
import type { CustomerInput, FulfillmentInput, LineItemInput } from "../commerce/types";
import { adminClientForShop } from "./admin-client.server";
import { mapOrder } from "./backfill/map-order";
import { toGid } from "./graphql/gid";
import { ORDER_DETAILS_QUERY } from "./graphql/queries/order-details";
import type { GqlOrder } from "./graphql/types";

export interface OrderDetails {
  shopifyOrderId: bigint;
  name: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  currency: string;
  totalPrice: string;
  lineItems: LineItemInput[];
  fulfillments: FulfillmentInput[];
  customer: CustomerInput | null;
  email: string | null;
  phone: string | null;
  orderStatusUrl: string | null;
  processedAt: Date | null;
  cancelledAt: Date | null;
}

/** null when Shopify has no such order (deleted, or another shop's id). */
export async function fetchOrderDetails(
  shopDomain: string,
  shopifyOrderId: bigint | string,
): Promise<OrderDetails | null> {
  const client = await adminClientForShop(shopDomain);
  const { order } = await client.query<{ order: GqlOrder | null }>(ORDER_DETAILS_QUERY, {
    id: toGid("Order", shopifyOrderId),
  });
  if (!order) return null;
  const mapped = mapOrder(order);
  return {
    shopifyOrderId: mapped.shopifyOrderId,
    name: mapped.name ?? null,
    financialStatus: mapped.financialStatus ?? null,
    fulfillmentStatus: mapped.fulfillmentStatus ?? null,
    currency: mapped.currency,
    totalPrice: mapped.totalPrice,
    lineItems: mapped.lineItems,
    fulfillments: mapped.fulfillments ?? [],
    customer: mapped.customer ?? null,
    email: mapped.email ?? null,
    phone: mapped.phone ?? null,
    orderStatusUrl: mapped.orderStatusUrl ?? null,
    processedAt: mapped.processedAt ?? null,
    cancelledAt: mapped.cancelledAt ?? null,
  };
}
