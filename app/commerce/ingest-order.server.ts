// Orders: the newest payload (by Shopify's updated_at) owns the fields; any
// payload, however late, may add the timeline events it implies. orders/updated
// arriving before orders/create simply creates the order.
import type { Order } from "../generated/prisma/client";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../customers/addresses";
import { resolveCustomer } from "../customers/resolve-customer.server";
import { applyCustomerInput } from "./apply-customer.server";
import { markCheckoutRecovered } from "./checkout-recovery.server";
import { refreshCustomerStats } from "./customer-stats.server";
import { fillCustomerBlanks } from "./fill-customer-blanks.server";
import { factsOfStoredFulfillment, recordFulfillmentEvents } from "./fulfillment-events.server";
import { upsertFulfillment } from "./ingest-fulfillment.server";
import { recordOrderEvents } from "./order-events.server";
import type { Tx } from "./transaction.server";
import type { OrderInput } from "./types";

async function customerOfOrder(tx: Tx, shopId: string, input: OrderInput): Promise<string | null> {
  const countryCode = normaliseCountryCode(input.shippingAddress?.countryCode);
  if (input.customer) {
    return applyCustomerInput(tx, shopId, input.customer, {
      emails: [input.email],
      phones: [input.phone],
      countryCode,
      locale: input.locale,
    });
  }
  // Guest order: the contact email or phone is all we have. (The shipping phone may be a gift recipient's.)
  const guest = await resolveCustomer(tx, shopId, {
    emails: [input.email],
    phones: [input.phone],
    countryCode,
    locale: input.locale,
  });
  if (guest) await fillCustomerBlanks(tx, guest.customerId, { locale: input.locale, countryCode });
  return guest?.customerId ?? null;
}

function orderFields(input: OrderInput) {
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
  const customerId = await customerOfOrder(tx, shopId, input);
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
