// POST /app/routing/preview: the rule as edited (JSON body { conditions, ... }, or a form field
// `rule` holding that JSON) → 200 { ok: true, checked, count, matches: [{ conversationId,
// customerName, channel, snippet, startedAt }] } over the shop's last 100 conversations, or 400
// { ok: false, field, error }. Nothing is written (app/routing/preview.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { previewRule } from "../routing/preview.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  let value: unknown;
  try {
    value = (request.headers.get("content-type") ?? "").includes("application/json")
      ? await request.json()
      : JSON.parse(String((await request.formData()).get("rule") ?? ""));
  } catch {
    return json({ ok: false as const, field: "rule", error: "rule: must be JSON" }, { status: 400 });
  }
  const result = await previewRule(shop.id, value);
  return json(result, { status: result.ok ? 200 : 400 });
};

export const loader = () => json({ ok: false, error: "POST the rule JSON" }, { status: 405 });
