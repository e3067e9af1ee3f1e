// Named operations: the name shows in logs and is how the local stand-in recognises each one.
import { CHECKOUT_FIELDS, CUSTOMER_FIELDS, LINE_ITEM_FIELDS, ORDER_FIELDS } from "./fragments";

/** Page sizes chosen so each page's requested cost stays well under Shopify's 1,000-point ceiling. */
/** Shopify's RFM group (2025-04+), read with the customers only: app/segments/ keeps it. */
export const CUSTOMER_STATISTICS_FIELDS = `statistics { rfmGroup }`;

export const PAGE_SIZE = { customers: 250, orders: 25, checkouts: 25, lineItems: 25 } as const;

export const SHOP_INFO_QUERY = `query BackfillShopInfo {
  shop { name email currencyCode ianaTimezone myshopifyDomain primaryDomain { host url } }
  shopLocales(published: true) { locale primary }
}`;

export const COUNTS_QUERY = `query BackfillCounts($ordersQuery: String!) {
  customersCount { count precision }
  ordersCount(query: $ordersQuery) { count precision }
}`;

export const CUSTOMERS_PAGE_QUERY = `query BackfillCustomers($first: Int!, $after: String) {
  customers(first: $first, after: $after) {
    nodes { ${CUSTOMER_FIELDS} ${CUSTOMER_STATISTICS_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const ORDERS_PAGE_QUERY = `query BackfillOrders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    nodes {
      ${ORDER_FIELDS}
      lineItems(first: ${PAGE_SIZE.lineItems}) { nodes { ${LINE_ITEM_FIELDS} } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The backfill and the sweep run the same selection under their own operation names. */
export function checkoutsPageQuery(operationName: "BackfillAbandonedCheckouts" | "SweepAbandonedCheckouts"): string {
  return `query ${operationName}($first: Int!, $after: String, $query: String!) {
  abandonedCheckouts(first: $first, after: $after, query: $query) {
    nodes {
      ${CHECKOUT_FIELDS}
      lineItems(first: ${PAGE_SIZE.lineItems}) { nodes { ${LINE_ITEM_FIELDS} } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
}

export function ordersSinceQuery(since: Date): string {
  return `created_at:>='${since.toISOString()}'`;
}
