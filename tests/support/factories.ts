// Small builders for rows tests need as a starting point.
import { randomUUID } from "node:crypto";
import { db } from "../../app/db/client.server";
import { TEST_SHOP_DOMAIN } from "./shopify-webhook";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

export async function createShop(overrides: { domain?: string; accessScopes?: string | null } = {}) {
  return db().shop.create({
    data: {
      domain: overrides.domain ?? TEST_SHOP_DOMAIN,
      name: "Threadline Demo",
      accessScopes: overrides.accessScopes ?? "read_customers,read_orders",
    },
  });
}

export async function createOfflineSession(shopDomain: string = TEST_SHOP_DOMAIN) {
  return db().session.create({
    data: {
      id: `offline_${shopDomain}`,
      shop: shopDomain,
      state: randomUUID(),
      isOnline: false,
      accessToken: "v1:encrypted-test-token",
    },
  });
}

/**
 * The shop's offline session stored through the app's own (encrypting) session storage, as an
 * install (or `npm run demo`) stores it, so admin routes can load and decrypt it.
 */
export async function storeOfflineSession(shopDomain: string = TEST_SHOP_DOMAIN) {
  const [{ Session }, { sessionStorage }] = await Promise.all([
    import("@shopify/shopify-api"),
    import("../../app/shopify.server"),
  ]);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shopDomain}`,
      shop: shopDomain,
      state: "test",
      isOnline: false,
      accessToken: "shpat_test",
    }),
  );
}

/** An open conversation with one inbound message from the customer. */
export async function createConversationWithMessage(shopId: string, customerId: string, body: string) {
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId,
      customerId,
      openCustomerId: customerId,
      lastMessagePreview: body,
    },
  });
  const message = await db().message.create({
    data: {
      shopId,
      conversationId: conversation.id,
      customerId,
      direction: "INBOUND",
      channel: "SMS",
      author: "CUSTOMER",
      body,
      deliveryStatus: "RECEIVED",
      idempotencyKey: `test-${randomUUID()}`,
    },
  });
  return { conversation, message };
}
