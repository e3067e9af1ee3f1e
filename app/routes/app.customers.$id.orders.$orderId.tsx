// Resource route (loaded by a fetcher): fresh order details from Shopify for one
// of this customer's orders. Errors come back as JSON for the page's Banner.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { OrderGoneError, refreshCustomerOrder } from "../admin-queries/order-refresh.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64), orderId: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  try {
    const order = await refreshCustomerOrder(shop, parsed.data.id, parsed.data.orderId);
    return json({ ok: true as const, order, fetchedAt: new Date().toISOString() });
  } catch (error) {
    if (error instanceof Response) {
      return json(
        { ok: false as const, error: "This order does not belong to this customer." },
        { status: error.status },
      );
    }
    if (error instanceof OrderGoneError) return json({ ok: false as const, error: error.message }, { status: 404 });
    console.error("fetchOrderDetails failed", error);
    const message = error instanceof Error && error.message ? error.message : "Unknown error";
    return json({ ok: false as const, error: `Shopify did not return this order: ${message}` }, { status: 502 });
  }
};
