// Which existing customer a batch's browser belongs to. Tie rules, most trusted first:
//   1. init.data.customer.id (the storefront's signed-in customer) → Customer by shopifyCustomerId;
//   2. a checkout_completed event: its order's customer id, then its email, then its phone
//      → the customer who owns that Shopify id or address;
//   3. otherwise the browser's own STOREFRONT_CLIENT identity, once an earlier batch tied it.
// The pixel's word is the browser's: it may file browsing under a customer, never read anything
// back, so customers are only ever found here, never created (orders and webhooks create them).
// Merged-away customers forward to their survivor.
import type { Tx } from "../commerce/transaction.server";
import { normaliseEmail, normalisePhone } from "../customers/addresses";
import { followMergedCustomer } from "../customers/inbound-platform-customer.server";
import { shopifyIdNumber, type PixelBatch } from "./batch";

export type TieSource = "signed_in" | "checkout" | "client";

export interface Tie {
  customerId: string;
  source: TieSource;
}

async function byShopifyId(tx: Tx, shopId: string, id: bigint | null): Promise<string | null> {
  if (id === null) return null;
  const customer = await tx.customer.findUnique({
    where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId: id } },
    select: { id: true },
  });
  if (customer) return customer.id;
  const identity = await tx.customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind: "SHOPIFY_CUSTOMER", value: id.toString() } },
    select: { customerId: true },
  });
  return identity?.customerId ?? null;
}

async function byAddress(
  tx: Tx,
  shopId: string,
  kind: "EMAIL" | "PHONE",
  value: string | null,
): Promise<string | null> {
  if (!value) return null;
  const identity = await tx.customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind, value } },
    select: { customerId: true },
  });
  if (identity) return identity.customerId;
  const customer = await tx.customer.findFirst({
    where: { shopId, ...(kind === "EMAIL" ? { email: value } : { phone: value }), mergedIntoId: null },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return customer?.id ?? null;
}

async function fromCheckout(tx: Tx, shopId: string, batch: PixelBatch): Promise<string | null> {
  for (const event of batch.events) {
    const checkout = event.name === "checkout_completed" ? event.checkout : undefined;
    if (!checkout) continue;
    const found =
      (await byShopifyId(tx, shopId, shopifyIdNumber(checkout.customerId))) ??
      (await byAddress(tx, shopId, "EMAIL", normaliseEmail(checkout.email))) ??
      (await byAddress(tx, shopId, "PHONE", normalisePhone(checkout.phone)));
    if (found) return found;
  }
  return null;
}

export async function tieBatchToCustomer(tx: Tx, shopId: string, batch: PixelBatch): Promise<Tie | null> {
  const signedIn = await byShopifyId(tx, shopId, shopifyIdNumber(batch.customerId));
  if (signedIn) return { customerId: await followMergedCustomer(tx, signedIn), source: "signed_in" };
  const checkout = await fromCheckout(tx, shopId, batch);
  if (checkout) return { customerId: await followMergedCustomer(tx, checkout), source: "checkout" };
  const identity = await tx.customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind: "STOREFRONT_CLIENT", value: batch.clientId } },
    select: { customerId: true },
  });
  if (identity) return { customerId: await followMergedCustomer(tx, identity.customerId), source: "client" };
  return null;
}
