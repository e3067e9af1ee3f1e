// GET /app/inbox/<conversation id>/suggestions → { suggestions: SuggestionView[] }: the reply
// drafts for the message staff have not answered yet (computed and stored on first sight).
// POST { intent: "dismiss", suggestionId } → { ok: true }. A resource route, loaded by the composer
// with a fetcher, so the conversation page (and its 5-second polling) never waits for retrieval.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { dismissSuggestion } from "../suggestions/outcomes.server";
import { suggestionIdSchema } from "../suggestions/reply-suggestion.server";
import { suggestionsFor } from "../suggestions/suggest.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const dismissSchema = z.object({ intent: z.literal("dismiss"), suggestionId: suggestionIdSchema });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return json({ suggestions: await suggestionsFor(shop.id, parsed.data.id) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const form = dismissSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) {
    logger.warn({ issues: form.error.issues.map((i) => i.message) }, "suggestions: bad dismiss request");
    return json({ ok: false, error: "Send intent=dismiss and a suggestionId." }, { status: 400 });
  }
  const result = await dismissSuggestion({
    shopId: shop.id,
    conversationId: parsed.data.id,
    suggestionId: form.data.suggestionId,
    staffUserId: staff.id,
    surface: "inbox",
  });
  return result.ok ? json({ ok: true }) : json(result, { status: result.status });
};
