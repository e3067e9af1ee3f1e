// POST /app/knowledge/<id>/approve: a suggested article is published, so automatic answers may use
// it. Another shop's id, or an article that is not a suggestion, answers 404.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { approveSuggestedArticle } from "../knowledge/articles.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = () => redirect("/app/knowledge?source=SUGGESTED&status=DRAFT");

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  await approveSuggestedArticle(shop.id, parsed.data.id);
  return redirect("/app/knowledge?source=SUGGESTED&status=DRAFT&approved=1");
};
