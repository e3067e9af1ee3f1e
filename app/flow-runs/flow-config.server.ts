// Reading a shop's flow with its step definitions and templates, and its settings
// JSON with defaults (a bad value never stops messages).
import { db } from "../db/client.server";
import { parseFlowSettings, type CartRecoverySettings, type ReviewRequestSettings } from "../flows/defaults";
import type { FlowKind } from "../generated/prisma/client";

/** Every setting any flow has, with the defaults of app/flows/defaults.ts (the one place they live). */
export type FlowSettings = CartRecoverySettings & ReviewRequestSettings;

export function flowSettings(json: unknown): FlowSettings {
  return { ...parseFlowSettings("CART_RECOVERY", json), ...parseFlowSettings("REVIEW_REQUEST", json) };
}

/** A flow's own settings with defaults, whatever its kind (what the editor and the Flows page show). */
export function settingsOfKind(kind: FlowKind, json: unknown): FlowSettings & Record<string, unknown> {
  return { ...flowSettings(json), ...parseFlowSettings(kind, json) };
}

/** The shop's flow of that kind with its steps, when it exists and is switched on. */
export async function enabledFlow(shopId: string, kind: FlowKind) {
  const flow = await db().flow.findUnique({
    where: { shopId_kind: { shopId, kind } },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  return flow?.enabled ? flow : null;
}

/** What the run records about its trigger (FlowRun.context). */
export interface RunContext {
  checkoutId?: string | null;
  checkoutToken?: string | null;
  orderId?: string | null;
  fulfillmentId?: string | null;
  shipmentStatus?: string | null;
  email?: string | null;
  phone?: string | null;
  /** ISO: orders from the same customer since then stop a cart recovery. */
  since?: string | null;
  /** Cross-sell: ISO time the order was delivered (another order since then stops the run). */
  deliveredAt?: string | null;
  /** Replenishment: the Shopify product id ("7001") the reminder is about. */
  productId?: string | null;
  /** Browse abandonment: ISO time of the product view the run is about (a cart, order or message since then stops it). */
  viewedAt?: string | null;
  /** Browse abandonment: Shopify product ids ("7001") the customer viewed, most recent first (at most 3). */
  viewedProductIds?: string[] | null;
}

export function runContext(json: unknown): RunContext {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as RunContext) : {};
}
