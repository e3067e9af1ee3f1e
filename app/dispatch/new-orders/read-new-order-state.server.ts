// The batch's reads before it plans: one statement per kind of fact, for every order at once.
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import type { IdentityKind } from "../../generated/prisma/client";
import type { KnownIdentity, NewOrderCandidate, NewOrderState, OrderConfirmationFlow } from "./plan-new-orders";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../../customers/addresses";
import { orderFields } from "../../commerce/ingest-order.server";

const key = (shopId: string, id: string | bigint) => `${shopId}|${id}`;

function addressesOf({ input }: NewOrderCandidate): { emails: string[]; phones: string[] } {
  const c = input.customer;
  const countryCode = normaliseCountryCode(
    c?.defaultAddress?.countryCode ?? normaliseCountryCode(input.shippingAddress?.countryCode),
  );
  const emails = [c?.email, input.email].map((e) => normaliseEmail(e)).filter((e): e is string => !!e);
  const phones = [c?.phone, c?.defaultAddress?.phone, input.phone]
    .map((p) => normalisePhone(p, countryCode))
    .filter((p): p is string => !!p);
  return { emails, phones };
}

export async function readNewOrderState(candidates: NewOrderCandidate[]): Promise<NewOrderState> {
  const shopIds = candidates.map((c) => c.shopId);
  const withCustomer = candidates.filter((c) => c.input.customer);
  const identityShops: string[] = [];
  const identityKinds: IdentityKind[] = [];
  const identityValues: string[] = [];
  for (const candidate of withCustomer) {
    const { emails, phones } = addressesOf(candidate);
    const wanted: [IdentityKind, string][] = [
      ["SHOPIFY_CUSTOMER", candidate.input.customer!.shopifyCustomerId.toString()],
      ...emails.map((v): [IdentityKind, string] => ["EMAIL", v]),
      ...phones.map((v): [IdentityKind, string] => ["PHONE", v]),
    ];
    for (const [kind, value] of wanted) {
      identityShops.push(candidate.shopId);
      identityKinds.push(kind);
      identityValues.push(value);
    }
  }
  const tokens = candidates.map((c) => c.input.checkoutToken ?? null);
  const distinctShops = [...new Set(shopIds)];
  const orderEmails = candidates.map((c) => normaliseEmail(c.input.email) ?? c.input.email?.trim() ?? null);
  const orderPhones = candidates.map((c) => orderFields(c.input).phone);
  const customerIds = candidates.map((c) => c.input.customer?.shopifyCustomerId ?? null);

  const orderIds = candidates.map((c) => c.input.shopifyOrderId);
  const [existingOrders, customers, identities, fullPath, flows] = await Promise.all([
    db().$queryRawTyped(sql.existingBatchOrders(shopIds, orderIds)),
    db().$queryRawTyped(
      sql.batchCustomersByShopifyId(
        withCustomer.map((c) => c.shopId),
        withCustomer.map((c) => c.input.customer!.shopifyCustomerId),
      ),
    ),
    db().$queryRawTyped(sql.batchKnownIdentities(identityShops, identityKinds, identityValues)),
    // Arrays with gaps: PostgreSQL takes nulls inside an array parameter.
    db().$queryRawTyped(
      sql.batchOrdersNeedingFullPath(
        shopIds,
        orderIds,
        tokens as string[],
        orderEmails as string[],
        orderPhones as string[],
        customerIds as bigint[],
      ),
    ),
    db().$queryRawTyped(sql.batchOrderConfirmationFlows(distinctShops)),
  ]);

  const orderConfirmation = new Map<string, OrderConfirmationFlow>();
  for (const f of flows)
    orderConfirmation.set(f.shopId, { id: f.id, enabled: f.enabled, steps: JSON.parse(f.steps ?? "[]") as never });
  return {
    existingOrders: new Set(existingOrders.map((o) => key(o.shopId!, o.shopifyOrderId!))),
    customersByShopifyId: new Map(customers.map((c) => [key(c.shopId, c.shopifyCustomerId!), c])),
    identities: identities as KnownIdentity[],
    needsFullPath: new Set(fullPath.map((o) => key(o.shopId!, o.shopifyOrderId!))),
    orderConfirmation,
  };
}
