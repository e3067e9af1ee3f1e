// POST /app/answers/handoff: the hand-off rules merchants control (their own topics, VIP customers,
// the confidence threshold; Shop.settings.answers). The card is app/components/answers/HandoffSettingsCard.tsx.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { saveHandoffSettings } from "../knowledge/save-answer-settings.server";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await saveHandoffSettings(shop.id, {
    handoffTopics: text("handoffTopics"),
    vipTags: text("vipTags"),
    vipLifetimeValue: text("vipLifetimeValue"),
    confidencePercent: text("confidencePercent"),
  });
  if (!result.ok) logger.info({ shopId: shop.id, error: result.error }, "hand-off settings refused");
  return json(result, { status: result.ok ? 200 : 400 });
};
