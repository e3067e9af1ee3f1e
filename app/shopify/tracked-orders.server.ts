// Live order reads for order tracking (app/order-tracking/), through the throttle-aware client:
// it waits on the shop's cost bucket and retries THROTTLED answers, so a busy shop is slower,
// not wrong. Errors (not installed, failures after retries) reach the caller, which hands off.
import type { TrackedOrder } from "../order-tracking/order-status-text";
import { adminClientForShop, type AdminClientOptions } from "./admin-client.server";
import {
  TRACKED_ORDER_BY_ID_QUERY,
  TRACKED_ORDER_BY_NAME_QUERY,
  TRACKED_ORDERS_OF_CUSTOMER_QUERY,
} from "./graphql/queries/tracked-orders";

interface GqlTrackedOrder {
  id: string;
  name: string;
  email?: string | null;
  cancelledAt?: string | null;
  displayFulfillmentStatus?: string | null;
  statusPageUrl?: string | null;
  customer?: { id: string } | null;
  shippingAddress?: { zip?: string | null } | null;
  billingAddress?: { zip?: string | null } | null;
  fulfillments?: {
    displayStatus?: string | null;
    estimatedDeliveryAt?: string | null;
    deliveredAt?: string | null;
    trackingInfo?: { company?: string | null; number?: string | null; url?: string | null }[];
  }[];
}

/** An order as Shopify has it now, with the facts a customer must match to see it. */
export interface LiveOrder extends TrackedOrder {
  /** gid://shopify/Order/… */
  id: string;
  /** gid://shopify/Customer/…, null for a guest order. */
  customerGid: string | null;
  email: string | null;
  postcodes: string[];
}

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function toLiveOrder(o: GqlTrackedOrder): LiveOrder {
  return {
    id: o.id,
    name: o.name,
    customerGid: o.customer?.id ?? null,
    email: o.email ?? null,
    postcodes: [o.shippingAddress?.zip, o.billingAddress?.zip].filter((z): z is string => !!z),
    cancelledAt: date(o.cancelledAt),
    displayFulfillmentStatus: o.displayFulfillmentStatus ?? null,
    statusPageUrl: o.statusPageUrl ?? null,
    fulfillments: (o.fulfillments ?? []).map((f) => {
      const tracking = f.trackingInfo?.[0];
      return {
        displayStatus: f.displayStatus ?? null,
        company: tracking?.company ?? null,
        number: tracking?.number ?? null,
        url: tracking?.url ?? null,
        estimatedDeliveryAt: date(f.estimatedDeliveryAt),
        deliveredAt: date(f.deliveredAt),
      };
    }),
  };
}

type OrdersAnswer = { orders: { nodes: GqlTrackedOrder[] } };

/** The customer's latest orders, newest first. */
export async function fetchCustomerOrders(
  shopDomain: string,
  shopifyCustomerId: bigint,
  first = 5,
  options: AdminClientOptions = {},
): Promise<LiveOrder[]> {
  const client = await adminClientForShop(shopDomain, options);
  const { orders } = await client.query<OrdersAnswer>(TRACKED_ORDERS_OF_CUSTOMER_QUERY, {
    query: `customer_id:${shopifyCustomerId}`,
    first,
  });
  return orders.nodes.map(toLiveOrder);
}

/** The order with this number ("1001" finds "#1001"), or null. */
export async function fetchOrderByNumber(
  shopDomain: string,
  orderNumber: string,
  options: AdminClientOptions = {},
): Promise<LiveOrder | null> {
  const client = await adminClientForShop(shopDomain, options);
  const { orders } = await client.query<OrdersAnswer>(TRACKED_ORDER_BY_NAME_QUERY, { query: `name:#${orderNumber}` });
  const exact = orders.nodes.find((o) => o.name.replace(/^#/, "") === orderNumber);
  return exact ? toLiveOrder(exact) : null;
}

/** The order with this GID, or null when Shopify no longer has it. */
export async function fetchOrderById(
  shopDomain: string,
  orderGid: string,
  options: AdminClientOptions = {},
): Promise<LiveOrder | null> {
  const client = await adminClientForShop(shopDomain, options);
  const { order } = await client.query<{ order: GqlTrackedOrder | null }>(TRACKED_ORDER_BY_ID_QUERY, { id: orderGid });
  return order ? toLiveOrder(order) : null;
}
