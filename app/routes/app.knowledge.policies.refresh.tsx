// POST /app/knowledge/policies/refresh: read the shop's policies from Shopify now. Answers 200
// { ok: true, message, syncedAt }, or 502 { ok: false, message } when Shopify could not be read
// (the policy articles are then left as they were), 409 when the shop has no offline token.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { describeRefresh, refreshShopPolicies } from "../knowledge/shop-policies.server";
import { requireAdmin } from "../shopify/admin-context.server";

export type PolicyRefreshAnswer = { ok: true; message: string; syncedAt: string } | { ok: false; message: string };

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const result = await refreshShopPolicies(shop.id);
  if (result.ok)
    return json<PolicyRefreshAnswer>({
      ok: true,
      message: describeRefresh(result),
      syncedAt: result.syncedAt.toISOString(),
    });
  return json<PolicyRefreshAnswer>(
    { ok: false, message: result.message },
    { status: result.reason === "admin_api" ? 502 : 409 },
  );
};
