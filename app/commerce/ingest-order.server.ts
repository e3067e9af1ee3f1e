// Orders: the newest payload (by Shopify's updated_at) owns the fields; any
// payload, however late, may add the timeline events it implies. orders/updated
// arriving before orders/create simply creates the order.
import type { Order } from "../generated/prisma/client";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../customers/addresses";
import { customerOfContact } from "./customer-of-contact.server";
import { markCheckoutRecovered } from "./checkout-recovery.server";
import { refreshCustomerStats } from "./customer-stats.server";
import { factsOfStoredFulfillment, recordFulfillmentEvents } from "./fulfillment-events.server";
import { upsertFulfillment } from "./ingest-fulfillment.server";
import { recordOrderEvents } from "./order-events.server";
import type { Tx } from "./transaction.server";
import type { OrderInput } from "./types";

export function orderFields(input: OrderInput) {
  const countryCode = normaliseCountryCode(input.shippingAddress?.countryCode);
  return {
    name: input.name ?? null,
    email: normaliseEmail(input.email) ?? input.email?.trim() ?? null,
    phone: normalisePhone(input.phone, countryCode) ?? input.phone?.trim() ?? null,
    currency: input.currency,
    totalPrice: input.totalPrice,
    financialStatus: input.financialStatus?.toLowerCase() ?? null,
    fulfillmentStatus: input.fulfillmentStatus?.toLowerCase() ?? null,
    checkoutToken: input.checkoutToken ?? null,
    orderStatusUrl: input.orderStatusUrl ?? null,
    lineItems: input.lineItems as object[],
    shippingAddress: input.shippingAddress ? (input.shippingAddress as object) : undefined,
    processedAt: input.processedAt ?? null,
    cancelledAt: input.cancelledAt ?? null,
    shopifyUpdatedAt: input.updatedAt,
  };
}

async function upsertOrder(tx: Tx, shopId: string, input: OrderInput, customerId: string | null): Promise<Order> {
  const where = { shopId_shopifyOrderId: { shopId, shopifyOrderId: input.shopifyOrderId } };
  const existing = await tx.order.findUnique({ where });
  if (!existing) {
    return tx.order.create({
      data: { ...orderFields(input), shopId, shopifyOrderId: input.shopifyOrderId, customerId },
    });
  }
  const isNewer = !existing.shopifyUpdatedAt || existing.shopifyUpdatedAt < input.updatedAt;
  if (isNewer) {
    // Compare-and-set: a newer payload committed meanwhile makes this a no-op.
    await tx.order.updateMany({
      where: { id: existing.id, OR: [{ shopifyUpdatedAt: null }, { shopifyUpdatedAt: { lt: input.updatedAt } }] },
      data: orderFields(input),
    });
  }
  if (!existing.customerId && customerId) await tx.order.update({ where: { id: existing.id }, data: { customerId } });
  return (await tx.order.findUnique({ where }))!;
}

export async function applyOrder(tx: Tx, shopId: string, input: OrderInput): Promise<Order> {
  const customerId = await customerOfContact(tx, shopId, input);
  const order = await upsertOrder(tx, shopId, input, customerId);
  const owner = order.customerId;

  for (const fulfillment of input.fulfillments ?? []) await upsertFulfillment(tx, shopId, fulfillment);
  if (owner) {
    await recordOrderEvents(tx, shopId, order.id, owner, input);
    // Includes fulfillments that arrived before this order did.
    const fulfillments = await tx.fulfillment.findMany({ where: { shopId, shopifyOrderId: input.shopifyOrderId } });
    for (const f of fulfillments) await recordFulfillmentEvents(tx, shopId, factsOfStoredFulfillment(f), order);
    await refreshCustomerStats(tx, owner);
  }

  const token = order.checkoutToken ?? input.checkoutToken;
  if (token) {
    const checkout = await tx.checkout.findUnique({ where: { shopId_token: { shopId, token } } });
    if (checkout) await markCheckoutRecovered(tx, checkout, order);
  }
  return order;
}
