// POST /flow/actions/:action — Shopify Flow action requests (extensions/flow-action-*, decision 0041).
// authenticate.flow checks the x-shopify-hmac-sha256 signature and that the shop has installed the
// app; the domain (app/shopify-flow/actions.server.ts) validates the properties and does the work.
import type { ActionFunctionArgs } from "@remix-run/node";
import { logger } from "../lib/logger.server";
import { authenticate } from "../shopify.server";
import { FLOW_ACTIONS, FlowActionError, runFlowAction, type FlowActionName } from "../shopify-flow/actions.server";

const log = logger.child({ route: "flow-actions" });

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export async function action({ request, params }: ActionFunctionArgs) {
  const name = params.action as FlowActionName;
  if (!FLOW_ACTIONS.includes(name)) return json(404, { error: "Unknown Flow action." });
  let payload: unknown;
  try {
    ({ payload } = await authenticate.flow(request));
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    // The library answers 400 for a missing or wrong signature and for a shop without an offline
    // session; to Flow both mean "not authorised", which Shopify's action guide answers with 401.
    log.warn({ action: name, status: error.status }, "flow action request refused: bad signature or unknown shop");
    return error.status === 400 ? json(401, { error: "Unauthorized" }) : error;
  }
  try {
    return json(200, { ok: true, ...(await runFlowAction(name, payload)) });
  } catch (error) {
    if (!(error instanceof FlowActionError)) throw error;
    log.warn({ action: name, status: error.status, field: error.field, reason: error.message }, "flow action refused");
    return json(error.status, { error: error.message, ...(error.field ? { field: error.field } : {}) });
  }
}
