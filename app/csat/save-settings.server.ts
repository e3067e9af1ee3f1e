// Writes Shop.settings.csat with jsonb_set so the other features' keys are never overwritten. The
// form is strict (the error names the field); the reader in settings.ts stays lenient.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import {
  CONTENT_SID_PATTERN,
  MAX_CSAT_DELAY_MINUTES,
  MAX_CSAT_QUESTION_LENGTH,
  parseCsatSettings,
  type CsatSettings,
} from "./settings";

const question = (name: string) =>
  z.string().trim().max(MAX_CSAT_QUESTION_LENGTH, `${name}: at most ${MAX_CSAT_QUESTION_LENGTH} characters`);

const contentSid = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || CONTENT_SID_PATTERN.test(v), `${name}: must be a Content SID (HX + 32 hex)`);

const formSchema = z.object({
  enabled: z.enum(["on", "off", "true", "false", ""], { message: "enabled: must be on or off" }),
  delayMinutes: z.coerce
    .number({ message: "delayMinutes: must be a whole number of minutes" })
    .int("delayMinutes: must be a whole number of minutes")
    .min(0, `delayMinutes: must be between 0 and ${MAX_CSAT_DELAY_MINUTES}`)
    .max(MAX_CSAT_DELAY_MINUTES, `delayMinutes: must be between 0 and ${MAX_CSAT_DELAY_MINUTES}`),
  questionEn: question("questionEn"),
  questionEs: question("questionEs"),
  questionFr: question("questionFr"),
  whatsappContentSidEn: contentSid("whatsappContentSidEn"),
  whatsappContentSidEs: contentSid("whatsappContentSidEs"),
  whatsappContentSidFr: contentSid("whatsappContentSidFr"),
});

export type CsatForm = Partial<Record<keyof z.infer<typeof formSchema>, string>>;
export type SaveCsatResult = { ok: true; settings: CsatSettings } | { ok: false; error: string };

export async function saveCsatSettings(shopId: string, form: CsatForm): Promise<SaveCsatResult> {
  const parsed = formSchema.safeParse({
    enabled: form.enabled ?? "",
    delayMinutes: (form.delayMinutes ?? "").trim() || "0",
    questionEn: form.questionEn ?? "",
    questionEs: form.questionEs ?? "",
    questionFr: form.questionFr ?? "",
    whatsappContentSidEn: form.whatsappContentSidEn ?? "",
    whatsappContentSidEs: form.whatsappContentSidEs ?? "",
    whatsappContentSidFr: form.whatsappContentSidFr ?? "",
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid CSAT settings" };
  const f = parsed.data;
  // Blank questions fall back to the built-in text (parseCsatSettings), so nothing blank is stored.
  const value = parseCsatSettings({
    csat: {
      enabled: f.enabled === "on" || f.enabled === "true",
      delayMinutes: f.delayMinutes,
      question: { en: f.questionEn, es: f.questionEs, fr: f.questionFr },
      whatsappContentSid: { en: f.whatsappContentSidEn, es: f.whatsappContentSidEs, fr: f.whatsappContentSidFr },
    },
  });
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{csat}'::text[], ${JSON.stringify(value)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
  return { ok: true, settings: value };
}
