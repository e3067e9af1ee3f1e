// Every storefront chat route is reached through Shopify's app proxy, which signs the query
// string (param `signature`). authenticate.public.appProxy checks it; the shop then comes from the
// signed `shop` param and logged_in_customer_id (signed too) names the signed-in shopper.
// The shopper's address comes from X-Forwarded-For, which Shopify's app proxy adds (client-address.ts);
// it is read only once the signature shows the request came through Shopify.
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { authenticate } from "../shopify.server";
import { chatSettings } from "./chat-settings.server";
import { clientAddressFrom } from "./client-address";

export interface ProxyCaller {
  shopId: string;
  shopifyCustomerId: bigint | null;
  /** The shopper's IP address as Shopify's app proxy reported it (IPv6 cut to its /64), if any. */
  clientAddress: string | null;
}

export function chatJson(data: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The shop and signed-in customer of a verified proxy request, or the error response (401/404). */
export async function verifyProxyCaller(request: Request, route: string): Promise<ProxyCaller | Response> {
  try {
    await authenticate.public.appProxy(request);
  } catch (err) {
    if (err instanceof Response) {
      logger.warn({ route }, "app proxy request with an invalid signature");
      return chatJson({ error: "Invalid signature" }, 401);
    }
    throw err;
  }
  const params = new URL(request.url).searchParams;
  const shop = await db().shop.findUnique({
    where: { domain: params.get("shop") ?? "" },
    select: { id: true, uninstalledAt: true },
  });
  if (!shop || shop.uninstalledAt) return chatJson({ error: "Chat is not available for this store." }, 404);
  const loggedIn = params.get("logged_in_customer_id") ?? "";
  return {
    shopId: shop.id,
    shopifyCustomerId: /^\d{1,19}$/.test(loggedIn) ? BigInt(loggedIn) : null,
    clientAddress: clientAddressFrom(request.headers.get("x-forwarded-for"), chatSettings().FORWARDED_FOR_TRUSTED_HOPS),
  };
}
