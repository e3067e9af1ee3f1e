// Reads and writes the automatic answer settings (Shop.settings.autoAnswers) for the settings card.
// The key is written on its own with jsonb_set, so the other features' keys in Shop.settings are
// never overwritten. Business hours live in the shop calendar (app/business-hours/).
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
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
}

export async function autoAnswerCardData(shopId: string): Promise<AutoAnswerCardData> {
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { settings: true },
  });
  return { settings: parseAutoAnswerSettings(shop.settings) };
}

export type SaveAutoAnswerResult = { ok: true } | { ok: false; error: string };

export async function setShopSettingsKey(shopId: string, key: "autoAnswers" | "calendar", value: unknown) {
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
  raw: { settings: unknown },
): Promise<SaveAutoAnswerResult> {
  const settings = strict.safeParse(raw.settings);
  if (!settings.success) return { ok: false, error: `Automatic answers: ${settings.error.issues[0]!.message}` };
  await setShopSettingsKey(shopId, "autoAnswers", settings.data);
  return { ok: true };
}
