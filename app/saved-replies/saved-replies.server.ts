// Saved replies: short Liquid texts staff insert into a reply. Shop-scoped; an id of another
// shop answers 404. A reply is checked against the sample context when saved, and rendered for
// a real customer (their fields and their last order) when inserted or previewed.
import { z } from "zod";
import { isUniqueViolation } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import { buildTemplateContext, sampleTemplateContext, type TemplateContext } from "../templates/context.server";
import { renderMessage } from "../templates/render.server";

import { MAX_SAVED_REPLY_BODY, MAX_SAVED_REPLY_NAME } from "./limits";

export { MAX_SAVED_REPLY_BODY, MAX_SAVED_REPLY_NAME };

export const savedReplyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the reply a name.")
    .max(MAX_SAVED_REPLY_NAME, `A name can be at most ${MAX_SAVED_REPLY_NAME} characters.`),
  body: z
    .string()
    .transform((s) => s.replace(/\r\n/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "Write the reply's text.")
        .max(MAX_SAVED_REPLY_BODY, `A reply can be at most ${MAX_SAVED_REPLY_BODY} characters.`),
    ),
});

export type SavedReplyErrors = Partial<Record<"name" | "body", string>>;

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function listSavedReplies(shopId: string) {
  return db().savedReply.findMany({
    where: { shopId },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, body: true, updatedAt: true },
  });
}

export async function requireSavedReply(shopId: string, id: string) {
  const reply = await db().savedReply.findFirst({ where: { id, shopId } });
  if (!reply) notFound();
  return reply;
}

async function sampleContext(shopId: string): Promise<TemplateContext> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
  return sampleTemplateContext(shop);
}

/** Validates the fields and the Liquid (against the sample context). */
async function validate(
  shopId: string,
  raw: { name: unknown; body: unknown },
): Promise<{ ok: true; name: string; body: string } | { ok: false; errors: SavedReplyErrors }> {
  const parsed = savedReplyInput.safeParse(raw);
  if (!parsed.success) {
    const errors: SavedReplyErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as "name" | "body";
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const rendered = await renderMessage({ body: parsed.data.body }, await sampleContext(shopId));
  if (!rendered.ok) {
    const where = rendered.error.line ? ` (line ${rendered.error.line})` : "";
    return { ok: false, errors: { body: `The Liquid does not render${where}: ${rendered.error.message}` } };
  }
  return { ok: true, ...parsed.data };
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: SavedReplyErrors };

export async function saveSavedReply(
  shopId: string,
  id: string | null,
  raw: { name: unknown; body: unknown },
): Promise<SaveResult> {
  if (id) await requireSavedReply(shopId, id);
  const valid = await validate(shopId, raw);
  if (!valid.ok) return valid;
  try {
    const row = id
      ? await db().savedReply.update({ where: { id }, data: { name: valid.name, body: valid.body } })
      : await db().savedReply.create({ data: { shopId, name: valid.name, body: valid.body } });
    return { ok: true, id: row.id };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, errors: { name: "Another saved reply has this name." } };
    throw err;
  }
}

export async function deleteSavedReply(shopId: string, id: string): Promise<void> {
  const { count } = await db().savedReply.deleteMany({ where: { id, shopId } });
  if (count === 0) notFound();
}

/** The customer's context with their most recent order, for inserting or previewing a reply. */
export async function replyContextFor(shopId: string, customerId: string | null): Promise<TemplateContext> {
  if (!customerId) return sampleContext(shopId);
  const customer = await db().customer.findFirst({ where: { id: customerId, shopId }, select: { id: true } });
  if (!customer) notFound();
  const lastOrder = await db().order.findFirst({
    where: { shopId, customerId },
    orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: { id: true },
  });
  return buildTemplateContext({ shopId, customerId, orderId: lastOrder?.id ?? null });
}

export type RenderResult = { ok: true; text: string } | { ok: false; error: string };

/** Renders Liquid text for a customer (or the sample customer when none). */
export async function renderReplyText(shopId: string, body: string, customerId: string | null): Promise<RenderResult> {
  const context = await replyContextFor(shopId, customerId);
  const rendered = await renderMessage({ body: body.slice(0, MAX_SAVED_REPLY_BODY) }, context);
  if (!rendered.ok) {
    const where = rendered.error.line ? ` (line ${rendered.error.line})` : "";
    return { ok: false, error: `The Liquid does not render${where}: ${rendered.error.message}` };
  }
  return { ok: true, text: rendered.body };
}

/** Renders one saved reply for a customer. */
export async function renderSavedReply(shopId: string, savedReplyId: string, customerId: string | null) {
  const reply = await requireSavedReply(shopId, savedReplyId);
  return renderReplyText(shopId, reply.body, customerId);
}

/**
 * Every saved reply rendered for one customer (one template context for all), for surfaces that
 * insert the text directly, like the admin extension. A reply whose Liquid fails gets text null.
 */
export async function renderSavedRepliesFor(
  shopId: string,
  customerId: string,
  replies: Array<{ id: string; name: string; body: string }>,
): Promise<Array<{ id: string; name: string; text: string | null }>> {
  if (replies.length === 0) return [];
  const context = await replyContextFor(shopId, customerId);
  return Promise.all(
    replies.map(async (r) => {
      const rendered = await renderMessage({ body: r.body.slice(0, MAX_SAVED_REPLY_BODY) }, context);
      return { id: r.id, name: r.name, text: rendered.ok ? rendered.body : null };
    }),
  );
}
