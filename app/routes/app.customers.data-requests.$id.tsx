// Resource route: one data request's export as a JSON attachment, shop-scoped.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDataRequestExport } from "../admin-queries/data-requests.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const file = await getDataRequestExport(shop.id, parsed.data.id);
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
};
