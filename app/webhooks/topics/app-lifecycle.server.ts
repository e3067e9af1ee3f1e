// app/uninstalled, app/scopes_update.
import { z } from "zod";
import { deleteShopData } from "../../compliance/delete-shop-data.server";
import { db } from "../../db/client.server";
import type { WebhookContext } from "./webhook-context";

// Shopify's app/scopes_update payload: { id, previous: [...], current: [...], updated_at }.
const scopesUpdate = z.object({ current: z.array(z.string()) });

export async function handleAppUninstalled({ shopDomain, receiptId }: WebhookContext): Promise<void> {
  await deleteShopData(shopDomain, { keepReceiptId: receiptId });
}

export async function handleScopesUpdate({ shopDomain, payload }: WebhookContext): Promise<void> {
  const { current } = scopesUpdate.parse(payload);
  const accessScopes = current.join(",");
  await db().shop.updateMany({ where: { domain: shopDomain }, data: { accessScopes } });
  // The offline session's scope is what the Admin API client trusts.
  await db().session.updateMany({ where: { shop: shopDomain, isOnline: false }, data: { scope: accessScopes } });
}
