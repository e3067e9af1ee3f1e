// products/create, products/update, products/delete → Product and ProductVariant (app/products/).
import { logger } from "../../lib/logger.server";
import { deletedProductIdFromRest, productInputFromRest } from "../../products/map-rest";
import { ingestProduct, markProductDeleted } from "../../products/upsert.server";
import { installedShopId } from "./installed-shop.server";
import type { WebhookContext } from "./webhook-context";

export async function handleProductWebhook({ receiptId, shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  const input = productInputFromRest(payload, shopDomain);
  const { outcome } = await ingestProduct(shopId, input);
  if (outcome === "ignored_older" || outcome === "ignored_deleted") {
    logger.info(
      { receiptId, shop: shopDomain, topic, shopifyProductId: input.shopifyProductId.toString(), outcome },
      "product payload not applied: a newer one, or the delete, is already stored",
    );
  }
}

export async function handleProductDeleteWebhook({ shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  await markProductDeleted(shopId, deletedProductIdFromRest(payload), new Date());
}
