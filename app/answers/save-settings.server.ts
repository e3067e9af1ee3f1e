// Reads and writes the automatic answer settings (Shop.settings.autoAnswers) and the shop's
// business hours (Shop.settings.businessHours) for the settings card. Each key is written on its
// own with jsonb_set, so the other features' keys in Shop.settings are never overwritten.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { businessHoursSchema, parseBusinessHours, type BusinessHours } from "./business-hours";
import { z } from "zod";
import { AUTO_ANSWER_MODES, parseAutoAnswerSettings, type AutoAnswerSettings } from "./settings";

// Strict here (the reader is lenient): a typo in a form must be refused, not silently read as off.
const mode = z.enum(AUTO_ANSWER_MODES);
const strict = z.object({
  channels: z.object({ SMS: mode, WHATSAPP: mode, EMAIL: mode, INSTAGRAM: mode, MESSENGER: mode, CHAT: mode }),
  maxInARow: z.number().int().min(1, "at most in a row must be 1 or more").max(20, "at most in a row is 20"),
});

export interface AutoAnswerCardData {
  settings: AutoAnswerSettings;
  businessHours: BusinessHours;
  timeZone: string;
}

export async function autoAnswerCardData(shopId: string): Promise<AutoAnswerCardData> {
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { settings: true, ianaTimezone: true },
  });
  return {
    settings: parseAutoAnswerSettings(shop.settings),
    businessHours: parseBusinessHours(shop.settings),
    timeZone: shop.ianaTimezone,
  };
}

export type SaveAutoAnswerResult = { ok: true } | { ok: false; error: string };

async function setKey(shopId: string, key: "autoAnswers" | "businessHours", value: unknown) {
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             ${`{${key}}`}::text[], ${JSON.stringify(value)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
}

export async function saveAutoAnswerSettings(
  shopId: string,
  raw: { settings: unknown; businessHours: unknown },
): Promise<SaveAutoAnswerResult> {
  const settings = strict.safeParse(raw.settings);
  if (!settings.success) return { ok: false, error: `Automatic answers: ${settings.error.issues[0]!.message}` };
  const hours = businessHoursSchema.safeParse(raw.businessHours);
  if (!hours.success) {
    const issue = hours.error.issues[0]!;
    return { ok: false, error: `Business hours: ${issue.message}` };
  }
  await setKey(shopId, "autoAnswers", settings.data);
  await setKey(shopId, "businessHours", hours.data);
  return { ok: true };
}
