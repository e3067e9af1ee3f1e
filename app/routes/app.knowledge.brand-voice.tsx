// POST /app/knowledge/brand-voice: saves the brand voice guide (Shop.settings.brandVoice).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseWordsToAvoid } from "../knowledge/brand-voice";
import { saveBrandVoice } from "../knowledge/brand-voice.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await saveBrandVoice(shop.id, {
    tone: text("tone"),
    greeting: { en: text("greeting.en"), es: text("greeting.es"), fr: text("greeting.fr") },
    signOff: { en: text("signOff.en"), es: text("signOff.es"), fr: text("signOff.fr") },
    wordsToAvoid: parseWordsToAvoid(text("wordsToAvoid")),
  });
  return json(result, { status: result.ok ? 200 : 400 });
};
