// Phase "shop": the shop's own settings, and how much history there is to import.
import { config } from "../../config.server";
import { db } from "../../db/client.server";
import type { BackfillMode } from "../../generated/prisma/client";
import type { ShopAdminClient } from "../admin-client.server";
import { COUNTS_QUERY, ordersSinceQuery, SHOP_INFO_QUERY } from "../graphql/queries/backfill";
import type { GqlShop } from "../graphql/types";
import { addStorefrontHosts } from "../../chat/storefront-hosts.server";

interface ShopInfoData {
  shop: GqlShop;
  shopLocales: { locale: string; primary: boolean }[];
}

interface CountsData {
  customersCount: { count: number } | null;
  ordersCount: { count: number } | null;
}

export async function importShopInfo(client: ShopAdminClient, shopId: string) {
  const { shop, shopLocales } = await client.query<ShopInfoData>(SHOP_INFO_QUERY);
  const primaryLocale = shopLocales.find((l) => l.primary)?.locale;
  await db().shop.update({
    where: { id: shopId },
    data: {
      name: shop.name,
      email: shop.email ?? null,
      currency: shop.currencyCode,
      ianaTimezone: shop.ianaTimezone,
      ...(primaryLocale ? { primaryLocale } : {}),
    },
  });
  // Chat page reports on the shop's own domains are shown to staff as links (storefront-hosts.ts).
  if (shop.primaryDomain?.host) await addStorefrontHosts(shopId, [shop.primaryDomain.host]);
}

export async function countHistory(client: ShopAdminClient, ordersSince: Date) {
  const data = await client.query<CountsData>(COUNTS_QUERY, { ordersQuery: ordersSinceQuery(ordersSince) });
  const customersTotal = data.customersCount?.count ?? 0;
  const ordersTotal = data.ordersCount?.count ?? 0;
  // Bulk operations cost a fixed handful of points however big the shop; pages cost per record.
  const mode: BackfillMode = customersTotal + ordersTotal > config().BACKFILL_BULK_THRESHOLD ? "BULK" : "PAGINATED";
  return { customersTotal, ordersTotal, mode };
}
