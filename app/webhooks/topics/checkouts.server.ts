// checkouts/create, checkouts/update.
import { z } from "zod";
import { ingestCheckout } from "../../commerce/ingest.server";
import { onCheckoutChanged } from "../../flow-runs/triggers.server";
import type { CheckoutInput } from "../../commerce/types";
import { installedShopId } from "./installed-shop.server";
import { restAddress, restCustomer, restDate, restId, restLineItem, restMoney } from "./rest-fields";
import type { WebhookContext } from "./webhook-context";

const text = z.string().nullish();

const restCheckout = z
  .object({
    id: restId.nullish(),
    token: z.string().min(1),
    email: text,
    phone: text,
    sms_marketing_phone: text,
    customer: restCustomer.nullish(),
    currency: text,
    presentment_currency: text,
    total_price: restMoney,
    abandoned_checkout_url: text,
    line_items: z.array(restLineItem).default([]),
    shipping_address: restAddress.nullish(),
    billing_address: restAddress.nullish(),
    customer_locale: text,
    buyer_accepts_marketing: z.boolean().nullish(),
    buyer_accepts_sms_marketing: z.boolean().nullish(),
    completed_at: restDate.nullish(),
    created_at: restDate.nullish(),
    updated_at: restDate.nullish(),
  })
  .transform((c): CheckoutInput => ({
    token: c.token,
    shopifyCheckoutId: c.id ?? null,
    customer: c.customer ?? null,
    email: c.email ?? null,
    phone: c.phone || c.sms_marketing_phone || null,
    currency: c.currency || c.presentment_currency || "USD",
    totalPrice: c.total_price,
    abandonedCheckoutUrl: c.abandoned_checkout_url ?? null,
    lineItems: c.line_items,
    shippingAddress: c.shipping_address ?? c.billing_address ?? null,
    locale: c.customer_locale ?? null,
    buyerAcceptsMarketing: c.buyer_accepts_marketing ?? null,
    buyerAcceptsSmsMarketing: c.buyer_accepts_sms_marketing ?? null,
    completedAt: c.completed_at ?? null,
    createdAt: c.created_at ?? null,
    updatedAt: c.updated_at ?? c.created_at ?? new Date(0),
  }));

export function checkoutInputFromRest(payload: unknown): CheckoutInput {
  return restCheckout.parse(payload);
}

export async function handleCheckoutWebhook({ shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  const { checkoutId } = await ingestCheckout(shopId, checkoutInputFromRest(payload), "webhook");
  await onCheckoutChanged(shopId, checkoutId);
}
