// Resource route behind the flow editor's live preview: renders one template for a
// real customer of the shop and answers the text or the Liquid error (line, column).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { previewInput, previewTemplate } from "../admin-queries/flow-editor.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const input = previewInput.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success) {
    return json(
      { ok: false as const, field: "body" as const, error: { message: "Choose a customer to preview with." } },
      { status: 400 },
    );
  }
  return json(await previewTemplate(shop.id, p.data.id, input.data));
};

export const loader = () => {
  throw new Response("Not found", { status: 404 });
};
