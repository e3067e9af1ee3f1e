// app/uninstalled and shop/redact: everything we hold for the shop goes. The
// Shop row cascades to every tenant table; sessions and webhook receipts are
// keyed by domain, so they are deleted by domain.
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";

export async function deleteShopData(shopDomain: string, options: { keepReceiptId?: string } = {}): Promise<void> {
  const [shops, sessions, receipts] = await db().$transaction([
    db().shop.deleteMany({ where: { domain: shopDomain } }),
    db().session.deleteMany({ where: { shop: shopDomain } }),
    // The receipt being processed is kept so that it can be marked done.
    db().webhookReceipt.deleteMany({
      where: { shopDomain, ...(options.keepReceiptId ? { id: { not: options.keepReceiptId } } : {}) },
    }),
  ]);
  logger.info(
    { shop: shopDomain, shops: shops.count, sessions: sessions.count, receipts: receipts.count },
    "shop data deleted",
  );
}
