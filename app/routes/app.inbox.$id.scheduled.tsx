// Send later from the composer (app/send-later/, decision 0059).
// GET  /app/inbox/<conversation id>/scheduled → { scheduledReplies } (the conversation's "Scheduled" list)
// POST /app/inbox/<conversation id>/scheduled  channel, body, subject (email), and preset (in-1h,
//      in-3h, tomorrow-9) or sendAt (YYYY-MM-DDTHH:MM in the shop's zone, or an ISO instant with an
//      offset) → 201 { ok: true, scheduledReply }; 400 { ok: false, error, field }; another shop's
//      conversation 404.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { requireConversation } from "../admin-queries/inbox.server";
import { listScheduledReplies, scheduleReply } from "../send-later/scheduled-replies.server";
import { parseSendAt, presetSendAt, SEND_LATER_PRESETS } from "../send-later/send-time";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const formSchema = z.object({
  channel: z.string().max(32).default(""),
  body: z.string().max(20_000).default(""),
  subject: z.string().max(1000).optional(),
  preset: z.enum(SEND_LATER_PRESETS).optional(),
  sendAt: z.string().trim().max(40).optional(),
});

function conversationIdOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data.id;
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const conversation = await requireConversation(shop.id, conversationIdOf(params));
  return json({ scheduledReplies: await listScheduledReplies(shop.id, conversation.id) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const conversationId = conversationIdOf(params);
  const refuse = (error: string, field: string) => {
    logger.info({ shopId: shop.id, conversationId, field, error }, "send later refused");
    return json({ ok: false as const, error, field }, { status: 400 });
  };
  const form = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) {
    const issue = form.error.issues[0]!;
    const field = String(issue.path[0] ?? "form");
    return refuse(field === "preset" ? "Unknown send time: pick one of the choices." : `Invalid ${field}.`, field);
  }
  const { preset, sendAt: rawSendAt, channel, body, subject } = form.data;
  const now = new Date();
  const sendAt = preset
    ? presetSendAt(preset, shop.ianaTimezone, now)
    : parseSendAt(rawSendAt ?? "", shop.ianaTimezone);
  if (!sendAt) return refuse("Pick a date and time to send it.", "sendAt");
  const result = await scheduleReply({ shopId: shop.id, conversationId, staff, channel, body, subject, sendAt, now });
  if (!result.ok) return refuse(result.error, result.field);
  return json(result, { status: 201 });
};
