// Writes Shop.settings.attribution with jsonb_set so the other features' keys are never overwritten.
// The form is strict (the error names the field); the reader in settings.ts stays lenient.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { MAX_OPEN_CLICK_DAYS, MAX_SMS_DELIVERY_HOURS, type AttributionSettings } from "./settings";

const whole = (field: string, max: number, unit: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${field}: must be a whole number of ${unit}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${field}: must be between 1 and ${max} ${unit}`);

const formSchema = z.object({
  openClickDays: whole("openClickDays", MAX_OPEN_CLICK_DAYS, "days"),
  smsDeliveryHours: whole("smsDeliveryHours", MAX_SMS_DELIVERY_HOURS, "hours"),
});

export type AttributionForm = Partial<Record<keyof AttributionSettings, string>>;
export type SaveAttributionResult =
  { ok: true; settings: AttributionSettings } | { ok: false; field: keyof AttributionSettings; error: string };

export async function saveAttributionSettings(shopId: string, form: AttributionForm): Promise<SaveAttributionResult> {
  const parsed = formSchema.safeParse({
    openClickDays: form.openClickDays ?? "",
    smsDeliveryHours: form.smsDeliveryHours ?? "",
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue?.path[0] as keyof AttributionSettings, error: issue?.message ?? "Invalid" };
  }
  const value: AttributionSettings = parsed.data;
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{attribution}'::text[], ${JSON.stringify(value)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
  return { ok: true, settings: value };
}
