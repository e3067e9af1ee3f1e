// POST /app/segments/preview: the builder's live count. JSON body { definition, shopifyQuery? } →
// 200 { ok: true, count, sample: [{ id, name, contact, rfmGroup, rfmSource, ordersCount, totalSpent }],
// shopifyMembers } (10 sample members; shopifyMembers is how many the Shopify query returned, null
// without one), or 400 { ok: false, field, error } for a bad definition or a query Shopify refuses.
// Nothing is written. A GET answers 405.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { logger } from "../lib/logger.server";
import { previewSegment } from "../segments/segments.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    logger.info({ shopId: shop.id }, "segment preview refused: body is not JSON");
    return json({ ok: false as const, field: "segment", error: "segment: must be JSON" }, { status: 400 });
  }
  const result = await previewSegment(shop, value);
  if (!result.ok) logger.info({ shopId: shop.id, field: result.field }, "segment preview refused");
  return json(result, { status: result.ok ? 200 : 400 });
};

export const loader = () => json({ ok: false, error: "POST the definition JSON" }, { status: 405 });
