// Resource route behind the customer page's merge history (app/components/MergeHistory.tsx):
// GET lists the merges this customer took part in; POST { mergeId } undoes one of them.
// Both are scoped to the session's shop: another shop's customer or merge answers 404.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireCustomer } from "../admin-queries/customers.server";
import { listMerges, MergeRefusedError, undoMerge } from "../customers/merge/merge.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const actionSchema = z.object({ mergeId: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  await requireCustomer(shop.id, p.data.id);
  const merges = await listMerges(shop.id, p.data.id);
  return json({ merges });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const form = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json({ ok: false as const, error: "Choose a merge to undo." }, { status: 400 });
  await requireCustomer(shop.id, p.data.id);
  try {
    await undoMerge(shop.id, form.data.mergeId, staff);
  } catch (error) {
    if (error instanceof MergeRefusedError) return json({ ok: false as const, error: error.message }, { status: 409 });
    throw error;
  }
  return json({ ok: true as const });
};
