import { db } from "../../db/client.server";
import { logger } from "../../lib/logger.server";

/** Commerce webhooks for a shop that is not installed (no Shop row) are ignored, not failed. */
export async function installedShopId(shopDomain: string, topic: string): Promise<string | null> {
  const shop = await db().shop.findUnique({ where: { domain: shopDomain }, select: { id: true, uninstalledAt: true } });
  if (shop && !shop.uninstalledAt) return shop.id;
  logger.info({ shop: shopDomain, topic }, "webhook for a shop that is not installed ignored");
  return null;
}
