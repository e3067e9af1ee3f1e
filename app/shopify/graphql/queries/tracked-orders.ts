// Orders as order tracking reads them, live: status, fulfillments with tracking and the delivery
// estimate, plus what a customer must know to prove the order is theirs (email, postcodes).
const TRACKED_ORDER_FIELDS = `
  id name email cancelledAt displayFulfillmentStatus statusPageUrl processedAt
  customer { id }
  shippingAddress { zip }
  billingAddress { zip }
  fulfillments(first: 10) {
    displayStatus estimatedDeliveryAt deliveredAt
    trackingInfo(first: 3) { company number url }
  }`;

/** The customer's latest orders first. `query` is `customer_id:<number>`. */
export const TRACKED_ORDERS_OF_CUSTOMER_QUERY = `query TrackedOrdersOfCustomer($query: String!, $first: Int!) {
  orders(first: $first, query: $query, sortKey: PROCESSED_AT, reverse: true) {
    nodes { ${TRACKED_ORDER_FIELDS} }
  }
}`;

/** An order by its name. `query` is `name:#1001`; Shopify may return near matches, the caller filters. */
export const TRACKED_ORDER_BY_NAME_QUERY = `query TrackedOrderByName($query: String!) {
  orders(first: 5, query: $query) {
    nodes { ${TRACKED_ORDER_FIELDS} }
  }
}`;

/** The order a customer already proved is theirs in this conversation. */
export const TRACKED_ORDER_BY_ID_QUERY = `query TrackedOrderById($id: ID!) {
  order(id: $id) { ${TRACKED_ORDER_FIELDS} }
}`;
