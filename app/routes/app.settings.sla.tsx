// GET/POST /app/settings/sla: response and resolution targets per priority (Shop.settings.sla;
// app/sla/). The card is app/components/settings/SlaSettingsCard.tsx.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { SlaSettingsCard } from "../components/settings/SlaSettingsCard";
import { pageTitle } from "../components/page-title";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { saveSlaSettings } from "../sla/save-settings.server";
import { readSlaSettings } from "../sla/settings";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("SLAs");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const row = await db().shop.findUniqueOrThrow({ where: { id: shop.id }, select: { settings: true } });
  return json({ settings: readSlaSettings(row.settings) });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const result = await saveSlaSettings(shop.id, (name) => (form.has(name) ? String(form.get(name)) : null));
  if (!result.ok) logger.info({ shopId: shop.id, error: result.error }, "sla settings refused");
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function SlaSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  return (
    <Page title="SLAs">
      <SlaSettingsCard settings={settings} />
    </Page>
  );
}
