// (Being implemented.) Entry points the webhook handlers, the checkout sweep and
// the inbound channels call after they have written their rows.
import type { Channel } from "../generated/prisma/client";

export async function onCheckoutChanged(shopId: string, checkoutId: string): Promise<void> {
  void shopId;
  void checkoutId;
}
export async function onOrderChanged(shopId: string, orderId: string, created: boolean): Promise<void> {
  void shopId;
  void orderId;
  void created;
}
export async function onFulfillmentChanged(shopId: string, fulfillmentId: string): Promise<void> {
  void shopId;
  void fulfillmentId;
}
/** A customer wrote to us on any channel: a person takes over, cart recovery stops. */
export async function onCustomerReplied(shopId: string, customerId: string, channel: Channel): Promise<void> {
  void shopId;
  void customerId;
  void channel;
}
/** Marketing consent withdrawn (STOP, unsubscribe link, Shopify): marketing runs stop. */
export async function onMarketingConsentRevoked(shopId: string, customerId: string, channel: Channel): Promise<void> {
  void shopId;
  void customerId;
  void channel;
}
