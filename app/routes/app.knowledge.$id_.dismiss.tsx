// POST /app/knowledge/<id>/dismiss: a suggested draft is deleted. Another shop's id, an article
// that is not a suggestion, or one already approved answers 404.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { dismissSuggestedArticle } from "../knowledge/articles.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = () => redirect("/app/knowledge?source=SUGGESTED&status=DRAFT");

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  await dismissSuggestedArticle(shop.id, parsed.data.id);
  return redirect("/app/knowledge?source=SUGGESTED&status=DRAFT&dismissed=1");
};
