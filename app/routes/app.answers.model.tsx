// POST /app/answers/model: saves the shop's language-model settings (Shop.settings.llm; the API
// key sealed, a blank key keeps the stored one). 400 names the field. The card that posts here is
// app/components/answers/LanguageModelCard.tsx; Test connection posts to /app/answers/model/test.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { llmFormFields } from "../llm/settings-form";
import { saveLlmSettingsForm } from "../llm/settings-card.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const result = await saveLlmSettingsForm(shop.id, llmFormFields(await request.formData()));
  return json(result, { status: result.ok ? 200 : 400 });
};
