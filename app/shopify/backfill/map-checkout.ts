import type { CheckoutInput } from "../../commerce/types";
import { gidToBigInt } from "../graphql/gid";
import type { GqlAbandonedCheckout } from "../graphql/types";
import { mapCustomer } from "./map-customer";
import { mapAddress, mapLineItem, toDate } from "./map-shared";

/**
 * GraphQL's AbandonedCheckout has no token field, but webhooks key checkouts on
 * it. The recovery URL carries it (…/checkouts/<token>/recover or
 * …/checkouts/ac/<token>/recover), so the two sources land on one row.
 */
export function checkoutTokenOf(abandonedCheckoutUrl: string, id: string): string {
  try {
    const segments = new URL(abandonedCheckoutUrl).pathname.split("/").filter(Boolean);
    const at = segments.indexOf("checkouts");
    if (at >= 0) {
      const token = segments[at + 1] === "ac" ? segments[at + 2] : segments[at + 1];
      if (token && token !== "recover") return token;
    }
  } catch {
    // fall through: an unparsable URL still needs a stable key
  }
  return `gid-${gidToBigInt(id)}`;
}

export function mapCheckout(checkout: GqlAbandonedCheckout): CheckoutInput {
  return {
    token: checkoutTokenOf(checkout.abandonedCheckoutUrl, checkout.id),
    shopifyCheckoutId: gidToBigInt(checkout.id),
    customer: checkout.customer ? mapCustomer(checkout.customer) : null,
    email: checkout.customer?.email ?? null,
    phone: checkout.customer?.phone ?? checkout.shippingAddress?.phone ?? null,
    currency: checkout.totalPriceSet.shopMoney.currencyCode,
    totalPrice: checkout.totalPriceSet.shopMoney.amount,
    abandonedCheckoutUrl: checkout.abandonedCheckoutUrl,
    lineItems: checkout.lineItems.nodes.map(mapLineItem),
    shippingAddress: mapAddress(checkout.shippingAddress),
    completedAt: toDate(checkout.completedAt),
    createdAt: toDate(checkout.createdAt),
    updatedAt: new Date(checkout.updatedAt),
  };
}
