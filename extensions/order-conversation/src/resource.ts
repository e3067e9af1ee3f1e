// Which app route serves the page the block sits on: the order, customer or abandoned checkout GID
// that Shopify hands the block (shopify.data.selected) → /api/extension/<kind>/<numeric id>.
const KIND_BY_GID_TYPE: Record<string, "order" | "customer" | "checkout"> = {
  Order: "order",
  Customer: "customer",
  AbandonedCheckout: "checkout",
  Checkout: "checkout",
};

/** The thread route for a Shopify GID, or null for a resource the block does not serve. */
export function threadPathFor(gid: string | undefined): string | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d{1,19})(?:\?.*)?$/.exec(gid ?? "");
  if (!match) return null;
  const kind = KIND_BY_GID_TYPE[match[1]];
  return kind ? `/api/extension/${kind}/${match[2]}` : null;
}
