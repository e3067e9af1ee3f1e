// The shop's brand voice, kept in Shop.settings.brandVoice. Saved with jsonb_set so the other
// settings in the same JSON (quiet hours, frequency cap…) are never overwritten by a stale copy.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import type { KnowledgeLocale } from "./contracts";
import { applyBrandVoiceTo, brandVoiceSchema, readBrandVoice, type BrandVoice } from "./brand-voice";

export async function loadBrandVoice(shopId: string): Promise<BrandVoice> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { settings: true } });
  const settings = shop?.settings;
  const stored = settings && typeof settings === "object" && !Array.isArray(settings) ? settings.brandVoice : undefined;
  return readBrandVoice(stored);
}

export type SaveBrandVoiceResult = { ok: true; voice: BrandVoice } | { ok: false; error: string };

export async function saveBrandVoice(shopId: string, raw: unknown): Promise<SaveBrandVoiceResult> {
  const parsed = brandVoiceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.filter((p) => typeof p === "string").join(" ");
    return { ok: false, error: `${where ? `${where}: ` : ""}${issue.message}` };
  }
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{brandVoice}', ${JSON.stringify(parsed.data)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
  return { ok: true, voice: parsed.data };
}

/** What every automatic answer goes through before it is sent (and what Try it shows). */
export async function applyBrandVoice(shopId: string, text: string, locale: KnowledgeLocale): Promise<string> {
  return applyBrandVoiceTo(await loadBrandVoice(shopId), text, locale);
}
