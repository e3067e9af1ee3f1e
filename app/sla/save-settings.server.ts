// POST /app/settings/sla: a strict form checked field by field (the error names the field, e.g. "HIGH.firstResponseMinutes")
// written to Shop.settings.sla with jsonb_set so other features' keys stay as they are.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import {
  MAX_SLA_MINUTES,
  SLA_METRIC_FIELDS,
  SLA_MODES,
  SLA_PRIORITIES,
  type SlaPolicy,
  type SlaSettings,
} from "./settings";

export type SaveSlaResult = { ok: true; settings: SlaSettings } | { ok: false; error: string; field: string };

/** "" is no target; anything else must be a whole number of minutes within range. */
function parseMinutes(text: string): { ok: true; value: number | null } | { ok: false; error: string } {
  if (text === "") return { ok: true, value: null };
  if (!/^\d+$/.test(text)) return { ok: false, error: "must be a whole number of minutes" };
  const value = Number(text);
  if (value < 1 || value > MAX_SLA_MINUTES)
    return { ok: false, error: `must be between 1 and ${MAX_SLA_MINUTES} minutes` };
  return { ok: true, value };
}

/** `form(name)` gives a field's raw text, or null when the form left it out. */
export async function saveSlaSettings(shopId: string, form: (name: string) => string | null): Promise<SaveSlaResult> {
  const enabled = form("enabled") ?? "off";
  if (!["on", "off", "true", "false"].includes(enabled))
    return { ok: false, error: "enabled: must be on or off", field: "enabled" };
  const policies = {} as Record<(typeof SLA_PRIORITIES)[number], SlaPolicy>;
  for (const priority of SLA_PRIORITIES) {
    const mode = form(`${priority}.mode`) ?? "business_hours";
    if (!(SLA_MODES as readonly string[]).includes(mode)) {
      const field = `${priority}.mode`;
      return { ok: false, error: `${field}: must be business_hours or around_the_clock`, field };
    }
    const values = {} as Record<(typeof SLA_METRIC_FIELDS)[number], number | null>;
    for (const metric of SLA_METRIC_FIELDS) {
      const field = `${priority}.${metric}`;
      const parsed = parseMinutes((form(field) ?? "").trim());
      if (!parsed.ok) return { ok: false, error: `${field}: ${parsed.error}`, field };
      values[metric] = parsed.value;
    }
    policies[priority] = { ...values, mode: mode as SlaPolicy["mode"] };
  }
  const settings: SlaSettings = { enabled: enabled === "on" || enabled === "true", policies };
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{sla}'::text[], ${JSON.stringify(settings)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
  return { ok: true, settings };
}
