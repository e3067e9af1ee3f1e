// The merchant's answer settings, kept under Shop.settings.answers (JSON; other features own the
// other keys). Parsed with defaults so a shop that never opened the settings still gets the
// calibrated threshold, and a malformed value never breaks a decision.
import { z } from "zod";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "./confidence-model";

export const answerSettingsSchema = z.object({
  /** Calibrated probability above which an article is sent as the answer. */
  confidenceThreshold: z.number().min(0).max(1).default(DEFAULT_CONFIDENCE_THRESHOLD),
  /** Words or phrases that always go to a person ("wholesale", "custom order"). */
  handoffTopics: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  /** Customers whose lifetime spend (in the shop's currency) reaches this go to a person. */
  vipLifetimeValue: z.number().positive().optional(),
  /** Customers or conversations carrying one of these tags go to a person. */
  vipTags: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
});

export type AnswerSettings = z.infer<typeof answerSettingsSchema>;

export const DEFAULT_ANSWER_SETTINGS: AnswerSettings = answerSettingsSchema.parse({});

/** Reads `answers` out of a Shop.settings value; anything invalid falls back to the defaults. */
export function parseAnswerSettings(shopSettings: unknown): AnswerSettings {
  const raw =
    shopSettings && typeof shopSettings === "object" ? (shopSettings as Record<string, unknown>).answers : undefined;
  const parsed = answerSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_ANSWER_SETTINGS;
}
