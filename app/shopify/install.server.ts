import type { Session } from "@shopify/shopify-api";
import { db } from "../db/client.server";
import { startBackfill } from "./backfill/start-backfill.server";
import { enqueue } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { requestWebPixel } from "../storefront-events/web-pixel-activation.server";

/** afterAuth: record the shop (reinstalls clear uninstalledAt) and import its history. */
export async function onShopInstalled(session: Session) {
  const shop = await db().shop.upsert({
    where: { domain: session.shop },
    create: { domain: session.shop, accessScopes: session.scope ?? null },
    update: { uninstalledAt: null, accessScopes: session.scope ?? null },
  });
  const hasImported = await db().backfillRun.findFirst({ where: { shopId: shop.id, status: "COMPLETED" } });
  if (!hasImported) await startBackfill(shop.id, "install");
  // A reinstall: no backfill to wait for, so the policies are read now (the backfill's end does it otherwise).
  else await enqueue(JOB.refreshShopPolicies, { shopId: shop.id });
  // The storefront web pixel, created or brought up to date by its job (decision 0054).
  await requestWebPixel(shop.id);
  return shop;
}
