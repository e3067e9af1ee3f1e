// POST /app/flow-steps/:id/cancel: staff cancel a waiting flow step (from the flow
// log or the customer's timeline). Another shop's step, or none, answers 404.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { cancelFlowStep } from "../flow-runs/cancel-step.server";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  const outcome = await cancelFlowStep({ shopId: shop.id, stepId: p.data.id, staffName: staff.name });
  if (outcome === "not-found") throw new Response("Not found", { status: 404 });
  if (outcome === "not-waiting") {
    logger.info({ flowStepId: p.data.id, shopId: shop.id }, "cancel refused: the flow step is no longer waiting");
    return json({ ok: false as const, error: "This message is no longer waiting: it was sent or stopped." }, 409);
  }
  return json({ ok: true as const, stepId: p.data.id });
};

export const loader = () => {
  throw new Response("Not found", { status: 404 });
};
