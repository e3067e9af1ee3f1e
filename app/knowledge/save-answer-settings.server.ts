// Reads and writes the hand-off rules merchants control (Shop.settings.answers): their own topics,
// VIP customers by lifetime spend or tag, and the confidence threshold. Written with jsonb_set so
// the other features' keys in Shop.settings are never overwritten. The form is strict (a typo is
// refused with the field named); the reader in answer-settings.ts stays lenient.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { parseAnswerSettings, type AnswerSettings } from "./answer-settings";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "./confidence-model";

/** One per line or comma-separated; blanks dropped, repeats (any case) kept once. */
export function listOf(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n,]/)
    .map((t) => t.trim().replace(/\s+/g, " "))
    .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

const formSchema = z.object({
  handoffTopics: z
    .array(z.string().max(100, "Topics: each topic is at most 100 characters"))
    .max(100, "Topics: at most 100 topics"),
  vipTags: z.array(z.string().max(100, "VIP tags: each tag is at most 100 characters")).max(50, "VIP tags: at most 50"),
  vipLifetimeValue: z
    .number({ message: "VIP lifetime spend: must be a number" })
    .positive("VIP lifetime spend: must be more than 0")
    .max(100_000_000, "VIP lifetime spend: too large")
    .optional(),
  confidenceThreshold: z
    .number({ message: "Confidence: must be a number" })
    .min(0.5, "Confidence: must be between 50 and 99 %")
    .max(0.99, "Confidence: must be between 50 and 99 %"),
});

export interface HandoffCardData {
  settings: AnswerSettings;
  defaultThreshold: number;
  currency: string;
}

export async function handoffCardData(shopId: string): Promise<HandoffCardData> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true, currency: true } });
  return {
    settings: parseAnswerSettings(shop.settings),
    defaultThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
    currency: shop.currency,
  };
}

export interface HandoffForm {
  handoffTopics: string;
  vipTags: string;
  vipLifetimeValue: string;
  /** A percentage, as the card shows it ("78"); empty means the calibrated default. */
  confidencePercent: string;
}

export type SaveHandoffResult = { ok: true; settings: AnswerSettings } | { ok: false; error: string };

function numberOrUndefined(text: string): number | undefined {
  const t = text.trim().replace(",", ".");
  return t === "" ? undefined : Number(t);
}

export async function saveHandoffSettings(shopId: string, form: HandoffForm): Promise<SaveHandoffResult> {
  const percent = numberOrUndefined(form.confidencePercent);
  const parsed = formSchema.safeParse({
    handoffTopics: listOf(form.handoffTopics),
    vipTags: listOf(form.vipTags),
    vipLifetimeValue: numberOrUndefined(form.vipLifetimeValue),
    confidenceThreshold: percent === undefined ? DEFAULT_CONFIDENCE_THRESHOLD : percent / 100,
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const value: AnswerSettings = {
    ...parsed.data,
    confidenceThreshold: Math.round(parsed.data.confidenceThreshold * 1000) / 1000,
  };
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{answers}'::text[], ${JSON.stringify(value)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
  return { ok: true, settings: value };
}
