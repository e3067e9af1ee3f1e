// GET/POST /app/settings/attribution: how long after a marketing message an order is credited to it
// (Shop.settings.attribution; app/attribution/, decision 0046). The card is
// app/components/settings/AttributionSettingsCard.tsx.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { saveAttributionSettings } from "../attribution/save-settings.server";
import { parseAttributionSettings } from "../attribution/settings";
import { AttributionSettingsCard } from "../components/settings/AttributionSettingsCard";
import { pageTitle } from "../components/page-title";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Attribution");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const row = await db().shop.findUniqueOrThrow({ where: { id: shop.id }, select: { settings: true } });
  return json({ settings: parseAttributionSettings(row.settings) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const text = (name: string) => (form.has(name) ? String(form.get(name)) : undefined);
  const result = await saveAttributionSettings(shop.id, {
    openClickDays: text("openClickDays"),
    smsDeliveryHours: text("smsDeliveryHours"),
  });
  if (!result.ok)
    logger.info({ shopId: shop.id, field: result.field, error: result.error }, "attribution settings refused");
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function AttributionSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  return (
    <Page title="Attribution" backAction={{ content: "Analytics", url: "/app/analytics" }}>
      <AttributionSettingsCard settings={settings} />
    </Page>
  );
}
