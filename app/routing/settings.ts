// Shop.settings.routing: when an assignee who has not replied loses the conversation to a teammate
// (reassignAfterMinutes) and when it goes to the team lead (escalateAfterMinutes). Both count
// wall-clock minutes since Conversation.assignedAt; null (the default) switches each off.
import { z } from "zod";

export const MAX_ROUTING_MINUTES = 10_080; // one week

export interface RoutingSettings {
  reassignAfterMinutes: number | null;
  escalateAfterMinutes: number | null;
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = { reassignAfterMinutes: null, escalateAfterMinutes: null };

const minutes = z.number().int().min(1).max(MAX_ROUTING_MINUTES).nullable().catch(null);
const stored = z.object({ reassignAfterMinutes: minutes.default(null), escalateAfterMinutes: minutes.default(null) });

export function readRoutingSettings(shopSettings: unknown): RoutingSettings {
  const raw = (shopSettings as { routing?: unknown } | null)?.routing;
  const parsed = stored.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_ROUTING_SETTINGS;
}

/** "" is off; otherwise whole minutes 1–10080. The error starts with the field's name. */
export function parseRoutingSettingsForm(
  form: (name: string) => string | null,
): { ok: true; settings: RoutingSettings } | { ok: false; field: string; error: string } {
  const out: Partial<RoutingSettings> = {};
  for (const field of ["reassignAfterMinutes", "escalateAfterMinutes"] as const) {
    const text = (form(field) ?? "").trim();
    if (text === "") {
      out[field] = null;
      continue;
    }
    if (!/^\d+$/.test(text)) return { ok: false, field, error: `${field}: must be a whole number of minutes` };
    const value = Number(text);
    if (value < 1 || value > MAX_ROUTING_MINUTES)
      return { ok: false, field, error: `${field}: must be between 1 and ${MAX_ROUTING_MINUTES} minutes` };
    out[field] = value;
  }
  return { ok: true, settings: out as RoutingSettings };
}
