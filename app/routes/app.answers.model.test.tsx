// POST /app/answers/model/test: one tiny structured call (and one embedding, when an embedding
// model is set) with the form's values, saved or not. 200 with the model and tokens; 400 for a
// form problem (named field); 502 with the provider's failure in plain words.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { llmFormFields } from "../llm/settings-form";
import { testLlmConnection } from "../llm/test-connection.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const result = await testLlmConnection(shop.id, llmFormFields(await request.formData()));
  return json(result, { status: result.ok ? 200 : result.failedAt ? 502 : 400 });
};
