// Reading a shop's flow with its step definitions and templates, and its settings
// JSON with defaults (a bad value never stops messages).
import { z } from "zod";
import { db } from "../db/client.server";
import type { FlowKind } from "../generated/prisma/client";

export const FLOW_SETTING_DEFAULTS = {
  maxAgeDays: 7,
  attributionWindowDays: 5,
  reviewDelayDays: 7,
  reviewDelayDaysWithoutDelivery: 14,
} as const;

const days = (fallback: number) => z.coerce.number().min(0).max(365).catch(fallback);

const settingsSchema = z.object({
  maxAgeDays: days(FLOW_SETTING_DEFAULTS.maxAgeDays),
  attributionWindowDays: days(FLOW_SETTING_DEFAULTS.attributionWindowDays),
  reviewDelayDays: days(FLOW_SETTING_DEFAULTS.reviewDelayDays),
  reviewDelayDaysWithoutDelivery: days(FLOW_SETTING_DEFAULTS.reviewDelayDaysWithoutDelivery),
});

export type FlowSettings = z.infer<typeof settingsSchema>;

export function flowSettings(json: unknown): FlowSettings {
  const raw = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  return settingsSchema.parse({
    maxAgeDays: raw.maxAgeDays ?? FLOW_SETTING_DEFAULTS.maxAgeDays,
    attributionWindowDays: raw.attributionWindowDays ?? FLOW_SETTING_DEFAULTS.attributionWindowDays,
    reviewDelayDays: raw.reviewDelayDays ?? FLOW_SETTING_DEFAULTS.reviewDelayDays,
    reviewDelayDaysWithoutDelivery:
      raw.reviewDelayDaysWithoutDelivery ?? FLOW_SETTING_DEFAULTS.reviewDelayDaysWithoutDelivery,
  });
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
}

export function runContext(json: unknown): RunContext {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as RunContext) : {};
}
