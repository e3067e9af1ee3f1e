// POST /api/extension/suggestions/<suggestion id>/dismiss: the admin block's Dismiss on a suggested
// reply → 200 { ok: true } (again for one already dismissed), 404 for an id outside the session
// token's shop, 409 for one already sent. The loader only exists for the CORS preflight.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { notFound, withExtension } from "../extension-api/auth.server";
import { dismissSuggestion } from "../suggestions/outcomes.server";
import { suggestionIdSchema } from "../suggestions/reply-suggestion.server";

const params = z.object({ suggestionId: suggestionIdSchema });

export const loader = ({ request }: LoaderFunctionArgs) =>
  withExtension(request, async () => json({ error: "Method not allowed" }, { status: 405 }));

export const action = ({ request, params: raw }: ActionFunctionArgs) =>
  withExtension(request, async ({ shop, staff }) => {
    if (request.method !== "POST") return json({ error: "Method not allowed" }, { status: 405 });
    const parsed = params.safeParse(raw);
    if (!parsed.success) return notFound();
    const result = await dismissSuggestion({
      shopId: shop.id,
      suggestionId: parsed.data.suggestionId,
      staffUserId: staff.id,
      surface: "admin_block",
    });
    return result.ok ? json({ ok: true }) : json(result, { status: result.status });
  });
