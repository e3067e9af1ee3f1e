// orders/create receipts of a batch, written with a handful of set-based statements for all of
// them. Returns the receipts it did not take (the per-order path runs those).
import { randomUUID } from "node:crypto";
import { parseExactJson } from "../../webhooks/exact-json";
import { orderInputFromRest } from "../../webhooks/topics/orders.server";
import type { StartedReceipt } from "../../webhooks/process-receipt.server";
import { logger } from "../../lib/logger.server";
import { collectDueStep } from "../scope.server";
import { yieldToIntake } from "../yield-to-intake";
import { scheduleNewStepJob } from "../../flow-runs/step-jobs.server";
import { planNewOrders, type NewOrderCandidate } from "./plan-new-orders";
import { readNewOrderState } from "./read-new-order-state.server";
import { writeNewOrders } from "./write-new-orders.server";
import { enqueueOrderCustomersForSegments } from "../../segments/order-triggers.server";

/** `installedShops`: shop domain → id of the installed shops among the batch's receipts. */
export async function ingestNewOrders(
  receipts: StartedReceipt[],
  installedShops: Map<string, string>,
  now: Date = new Date(),
): Promise<StartedReceipt[]> {
  const candidates: NewOrderCandidate[] = [];
  const left: StartedReceipt[] = [];
  for (const receipt of receipts) {
    await yieldToIntake();
    const shopId = installedShops.get(receipt.shopDomain);
    if (receipt.topic !== "orders/create" || !shopId) {
      left.push(receipt);
      continue;
    }
    try {
      candidates.push({ receiptId: receipt.id, shopId, input: orderInputFromRest(parseExactJson(receipt.payload)) });
    } catch {
      // The per-order path records why the payload cannot be read.
      left.push(receipt);
    }
  }
  if (candidates.length === 0) return left;

  const plan = planNewOrders(candidates, await readNewOrderState(candidates), randomUUID, now);
  const byId = new Map(receipts.map((r) => [r.id, r]));
  try {
    await writeNewOrders(plan, now);
  } catch (error) {
    logger.warn(
      { orders: plan.orders.length, err: (error as Error).message },
      "batch order ingest gave way; each order runs on its own",
    );
    return [...left, ...candidates.map((c) => byId.get(c.receiptId)!)];
  }
  // Segments: one enqueue per shop of the batch, ids only, no SQL (app/segments/order-triggers.server.ts).
  await enqueueOrderCustomersForSegments(plan.orders);
  for (const run of plan.runs) {
    for (const step of run.steps) {
      if (step.dueAt.getTime() <= now.getTime() && collectDueStep(step.id)) continue;
      await scheduleNewStepJob(step.id, step.dueAt, now);
    }
  }
  return [...left, ...plan.fullPath.map((id) => byId.get(id)!)];
}
