// POST /app/knowledge/try: what Threadline would do with a customer message, through the same
// decideAnswer that real messages go through. Nothing is sent or stored.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { decideAnswer } from "../knowledge/decide-answer.server";
import { orderQuestionPreview } from "../order-tracking/try-it.server";
import { requireAdmin } from "../shopify/admin-context.server";

const inputSchema = z.object({
  text: z.string().trim().min(1, "Type a customer message.").max(2000, "At most 2,000 characters."),
  locale: z.enum(["en", "es", "fr"]).optional().catch(undefined),
});

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const parsed = inputSchema.safeParse({ text: form.get("text") ?? "", locale: form.get("locale") || undefined });
  if (!parsed.success) return json({ ok: false as const, error: parsed.error.issues[0]!.message }, { status: 400 });
  const decision = await decideAnswer({ shopId: shop.id, text: parsed.data.text, locale: parsed.data.locale });
  const orderQuestion =
    decision.kind === "order_tracking" ? await orderQuestionPreview(shop.id, decision.locale) : null;
  return json({ ok: true as const, decision, orderQuestion });
};
