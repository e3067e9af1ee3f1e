// POST /app/inbox/<conversation id>/scheduled/<scheduled reply id>/cancel (app/send-later/, decision 0059):
// a SCHEDULED reply becomes CANCELLED (nothing is sent) → 200 { ok: true, state: "CANCELLED" }; a FAILED
// one is dismissed from the list → 200 { ok: true, state: "FAILED" }; one already sent or cancelled →
// 409 { ok: false, error }; another shop's or another conversation's id → 404.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "../shopify/admin-context.server";
import { cancelScheduledReply } from "../send-later/scheduled-replies.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64), scheduledId: z.string().min(1).max(64) });

export const loader = () => new Response("Method not allowed", { status: 405 });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const result = await cancelScheduledReply({
    shopId: shop.id,
    conversationId: parsed.data.id,
    scheduledReplyId: parsed.data.scheduledId,
    staff,
  });
  return result.ok ? json(result) : json({ ok: false, error: result.error }, { status: result.status });
};
