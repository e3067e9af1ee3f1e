// GET/POST /app/settings/csat: the satisfaction survey sent after a conversation is resolved
// (Shop.settings.csat; app/csat/) and its last-30-days figures (kpis.server.ts). The card is app/components/settings/CsatSettingsCard.tsx.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { csatKpis } from "../csat/kpis.server";
import { csatSkipCounts } from "../csat/skip-summary.server";
import { CsatKpisCard } from "../components/settings/CsatKpisCard";
import { saveCsatSettings } from "../csat/save-settings.server";
import { parseCsatSettings } from "../csat/settings";
import { CsatSettingsCard } from "../components/settings/CsatSettingsCard";
import { pageTitle } from "../components/page-title";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Satisfaction survey");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const row = await db().shop.findUniqueOrThrow({ where: { id: shop.id }, select: { settings: true } });
  const since = new Date(Date.now() - 30 * 24 * 3600_000);
  const [kpis, skips] = await Promise.all([csatKpis(shop.id, since), csatSkipCounts(shop.id, since)]);
  return json({ settings: parseCsatSettings(row.settings), kpis, whatsappWindowSkips: skips.whatsapp_window ?? 0 });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const text = (name: string) => (form.has(name) ? String(form.get(name)) : undefined);
  const result = await saveCsatSettings(shop.id, {
    enabled: text("enabled"),
    delayMinutes: text("delayMinutes"),
    questionEn: text("questionEn"),
    questionEs: text("questionEs"),
    questionFr: text("questionFr"),
    whatsappContentSidEn: text("whatsappContentSidEn"),
    whatsappContentSidEs: text("whatsappContentSidEs"),
    whatsappContentSidFr: text("whatsappContentSidFr"),
  });
  if (!result.ok) logger.info({ shopId: shop.id, error: result.error }, "csat settings refused");
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function CsatSettingsPage() {
  const { settings, kpis, whatsappWindowSkips } = useLoaderData<typeof loader>();
  return (
    <Page title="Satisfaction survey">
      <BlockStack gap="400">
        <CsatKpisCard kpis={kpis} />
        <CsatSettingsCard settings={settings} whatsappWindowSkips={whatsappWindowSkips} />
      </BlockStack>
    </Page>
  );
}
