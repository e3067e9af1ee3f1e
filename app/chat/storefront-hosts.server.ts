// Records hosts that serve the shop's storefront (see storefront-hosts.ts) in Shop.settings, added
// to what is there in one statement, so the backfill and any other writer cannot lose each other's.
import { db } from "../db/client.server";

export async function addStorefrontHosts(shopId: string, hosts: string[]): Promise<void> {
  const clean = [...new Set(hosts.map((h) => h.trim().toLowerCase()).filter((h) => /^[a-z0-9.:[\]-]{1,255}$/.test(h)))];
  if (!clean.length) return;
  await db().$executeRaw`
    UPDATE "Shop"
    SET "settings" = jsonb_set(
      CASE WHEN jsonb_typeof("settings") = 'object' THEN "settings" ELSE '{}'::jsonb END,
      '{storefrontHosts}',
      (
        SELECT COALESCE(jsonb_agg(DISTINCT h ORDER BY h), '[]'::jsonb)
        FROM (
          SELECT jsonb_array_elements_text(
            CASE WHEN jsonb_typeof("settings"->'storefrontHosts') = 'array' THEN "settings"->'storefrontHosts' ELSE '[]'::jsonb END
          ) AS h
          UNION SELECT unnest(${clean}::text[])
        ) AS hosts
      )
    )
    WHERE "id" = ${shopId}`;
}
