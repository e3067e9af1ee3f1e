// Stores the offline session the app would have after OAuth, so the Admin API
// client finds an access token for the fake shop.
import { Session } from "@shopify/shopify-api";

export const FAKE_ACCESS_TOKEN = "shpat_fake_threadline_token";

export async function seedOfflineSession(shopDomain: string, accessToken = FAKE_ACCESS_TOKEN): Promise<Session> {
  const { sessionStorage } = await import("../../../app/shopify.server");
  const session = new Session({
    id: `offline_${shopDomain}`,
    shop: shopDomain,
    state: "installed",
    isOnline: false,
    scope:
      "read_customers,write_customers,read_orders,read_fulfillments,read_products,read_legal_policies,write_app_proxy,write_pixels,read_customer_events,write_discounts",
    accessToken,
  });
  await sessionStorage.storeSession(session);
  return session;
}
