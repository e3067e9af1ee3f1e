import type { Session } from "@shopify/shopify-api";
import { db } from "../db/client.server";
import { startBackfill } from "./backfill/start-backfill.server";

/** afterAuth: record the shop (reinstalls clear uninstalledAt) and import its history. */
export async function onShopInstalled(session: Session) {
  const shop = await db().shop.upsert({
    where: { domain: session.shop },
    create: { domain: session.shop, accessScopes: session.scope ?? null },
    update: { uninstalledAt: null, accessScopes: session.scope ?? null },
  });
  const hasImported = await db().backfillRun.findFirst({ where: { shopId: shop.id, status: "COMPLETED" } });
  if (!hasImported) await startBackfill(shop.id, "install");
  return shop;
}
