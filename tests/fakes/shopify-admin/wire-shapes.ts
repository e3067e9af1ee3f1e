// Turns dataset records into what the GraphQL API puts on the wire.
import type { FakeAbandonedCheckout, FakeCustomer, FakeOrder, FakeShopDataset } from "./dataset";

export function customerById(dataset: FakeShopDataset, id: string | null): FakeCustomer | null {
  return id ? (dataset.customers.find((c) => c.id === id) ?? null) : null;
}

/** An order without its line items: bulk output writes those as child lines. */
export function orderNodeWithoutLineItems(dataset: FakeShopDataset, order: FakeOrder) {
  const { customerId, lineItems: _lineItems, ...rest } = order;
  return { ...rest, customer: customerById(dataset, customerId) };
}

export function orderNode(dataset: FakeShopDataset, order: FakeOrder) {
  return { ...orderNodeWithoutLineItems(dataset, order), lineItems: { nodes: order.lineItems } };
}

export function checkoutNode(dataset: FakeShopDataset, checkout: FakeAbandonedCheckout) {
  const { customerId, token: _token, lineItems, ...rest } = checkout;
  return { ...rest, customer: customerById(dataset, customerId), lineItems: { nodes: lineItems } };
}

/** Opaque to clients, an offset to us. */
export function encodeCursor(index: number): string {
  return Buffer.from(`cursor:${index}`).toString("base64");
}
export function decodeCursor(cursor: unknown): number {
  if (typeof cursor !== "string") return -1;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString());
  return match ? Number(match[1]) : -1;
}

export function page<T, N>(items: T[], variables: Record<string, unknown>, toNode: (item: T) => N) {
  const first = typeof variables.first === "number" ? variables.first : 50;
  const start = decodeCursor(variables.after) + 1;
  const slice = items.slice(start, start + first);
  const last = start + slice.length - 1;
  return {
    nodes: slice.map(toNode),
    pageInfo: { hasNextPage: last < items.length - 1, endCursor: slice.length ? encodeCursor(last) : null },
  };
}
