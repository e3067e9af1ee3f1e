// Checkouts: started, abandoned (see ./checkout-abandonment.ts), recovered when
// an order carries the same token. Buyer marketing opt-ins become Consent.
import type { Checkout } from "../generated/prisma/client";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../customers/addresses";
import { recordMarketingConsent } from "../customers/record-consent.server";
import { recordTimelineEvent } from "../timeline/record-event.server";
import { customerOfContact } from "./customer-of-contact.server";
import { abandonedAt, isAbandoned } from "./checkout-abandonment";
import { markCheckoutRecovered } from "./checkout-recovery.server";
import type { IngestSource } from "./ingest-source";
import type { Tx } from "./transaction.server";
import type { CheckoutInput } from "./types";

function checkoutFields(input: CheckoutInput) {
  const countryCode = normaliseCountryCode(input.shippingAddress?.countryCode);
  return {
    shopifyCheckoutId: input.shopifyCheckoutId ?? undefined,
    email: normaliseEmail(input.email) ?? input.email?.trim() ?? null,
    phone: normalisePhone(input.phone, countryCode) ?? input.phone?.trim() ?? null,
    currency: input.currency,
    totalPrice: input.totalPrice,
    abandonedCheckoutUrl: input.abandonedCheckoutUrl ?? null,
    lineItems: input.lineItems as object[],
    shippingAddress: input.shippingAddress ? (input.shippingAddress as object) : undefined,
    locale: input.locale ?? null,
    buyerAcceptsMarketing: input.buyerAcceptsMarketing ?? null,
    buyerAcceptsSmsMarketing: input.buyerAcceptsSmsMarketing ?? null,
    shopifyCreatedAt: input.createdAt ?? undefined,
    shopifyUpdatedAt: input.updatedAt,
  };
}

async function upsertCheckout(
  tx: Tx,
  shopId: string,
  input: CheckoutInput,
  customerId: string | null,
): Promise<Checkout> {
  const where = { shopId_token: { shopId, token: input.token } };
  const existing = await tx.checkout.findUnique({ where });
  if (!existing) {
    return tx.checkout.create({
      data: {
        ...checkoutFields(input),
        shopId,
        token: input.token,
        customerId,
        completedAt: input.completedAt ?? null,
      },
    });
  }
  if (!existing.shopifyUpdatedAt || existing.shopifyUpdatedAt < input.updatedAt) {
    await tx.checkout.updateMany({
      where: { id: existing.id, OR: [{ shopifyUpdatedAt: null }, { shopifyUpdatedAt: { lt: input.updatedAt } }] },
      data: checkoutFields(input),
    });
  }
  // Completion and ownership only ever move forward, whatever the payload's age.
  const completedAt = existing.completedAt ?? input.completedAt ?? null;
  if (completedAt !== existing.completedAt || (!existing.customerId && customerId)) {
    await tx.checkout.update({
      where: { id: existing.id },
      data: { completedAt, customerId: existing.customerId ?? customerId },
    });
  }
  return (await tx.checkout.findUnique({ where }))!;
}

async function recordBuyerConsent(tx: Tx, shopId: string, customerId: string, input: CheckoutInput) {
  // An unticked box at checkout is not an unsubscribe, so only opt-ins are recorded.
  const optIns = [
    ["EMAIL", input.buyerAcceptsMarketing],
    ["SMS", input.buyerAcceptsSmsMarketing],
  ] as const;
  for (const [channel, accepted] of optIns) {
    if (accepted !== true) continue;
    await recordMarketingConsent(tx, {
      shopId,
      customerId,
      channel,
      state: "GRANTED",
      source: "CHECKOUT",
      occurredAt: input.createdAt ?? input.updatedAt,
    });
  }
}

export async function applyCheckout(
  tx: Tx,
  shopId: string,
  input: CheckoutInput,
  source: IngestSource,
): Promise<Checkout> {
  const customerId = await customerOfContact(tx, shopId, input);
  const checkout = await upsertCheckout(tx, shopId, input, customerId);
  const order = await tx.order.findFirst({
    where: { shopId, checkoutToken: input.token },
    orderBy: { createdAt: "asc" },
  });
  const owner = checkout.customerId;

  if (owner) {
    await recordBuyerConsent(tx, shopId, owner, input);
    const base = { shopId, customerId: owner, checkoutId: checkout.id };
    const data = {
      token: input.token,
      totalPrice: input.totalPrice,
      currency: input.currency,
      abandonedCheckoutUrl: checkout.abandonedCheckoutUrl,
    };
    await recordTimelineEvent(tx, {
      ...base,
      type: "CHECKOUT_STARTED",
      occurredAt: input.createdAt ?? input.updatedAt,
      dedupeKey: `checkout:${input.token}:started`,
      title: "Checkout started",
      data,
    });
    if (isAbandoned({ completedAt: checkout.completedAt, updatedAt: input.updatedAt }, source, !!order)) {
      await recordTimelineEvent(tx, {
        ...base,
        type: "CHECKOUT_ABANDONED",
        occurredAt: abandonedAt(input),
        dedupeKey: `checkout:${input.token}:abandoned`,
        title: "Checkout abandoned",
        data,
      });
    }
  }
  if (order) await markCheckoutRecovered(tx, checkout, order);
  return (await tx.checkout.findUnique({ where: { id: checkout.id } }))!;
}
