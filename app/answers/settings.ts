// Automatic answers per channel, kept under Shop.settings.autoAnswers (JSON; other features own
// the other keys). Everything is off by default: a shop that never opened the settings keeps
// today's behaviour exactly. Parsed with defaults, so a malformed value never breaks intake.
import { z } from "zod";
import type { Channel } from "../generated/prisma/enums";

export const AUTO_ANSWER_CHANNELS = [
  "SMS",
  "WHATSAPP",
  "EMAIL",
  "INSTAGRAM",
  "MESSENGER",
  "CHAT",
] as const satisfies readonly Channel[];
export type AutoAnswerChannel = (typeof AUTO_ANSWER_CHANNELS)[number];

export const AUTO_ANSWER_MODES = ["off", "outside_business_hours", "always"] as const;
export type AutoAnswerMode = (typeof AUTO_ANSWER_MODES)[number];

const mode = z.enum(AUTO_ANSWER_MODES).catch("off").default("off");

export const autoAnswerSettingsSchema = z.object({
  channels: z
    .object({
      SMS: mode,
      WHATSAPP: mode,
      EMAIL: mode,
      INSTAGRAM: mode,
      MESSENGER: mode,
      CHAT: mode,
    })
    .default({
      SMS: "off",
      WHATSAPP: "off",
      EMAIL: "off",
      INSTAGRAM: "off",
      MESSENGER: "off",
      CHAT: "off",
    }),
  /** Automatic messages in a row (since the last message a person sent) before the assistant stops. */
  maxInARow: z.number().int().min(1).max(20).default(2),
});

export type AutoAnswerSettings = z.infer<typeof autoAnswerSettingsSchema>;

export const DEFAULT_AUTO_ANSWER_SETTINGS: AutoAnswerSettings = autoAnswerSettingsSchema.parse({});

/** Reads `autoAnswers` out of a Shop.settings value; anything invalid falls back to the defaults. */
export function parseAutoAnswerSettings(shopSettings: unknown): AutoAnswerSettings {
  const raw =
    shopSettings && typeof shopSettings === "object"
      ? (shopSettings as Record<string, unknown>).autoAnswers
      : undefined;
  const parsed = autoAnswerSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_AUTO_ANSWER_SETTINGS;
}

export function modeFor(settings: AutoAnswerSettings, channel: Channel): AutoAnswerMode {
  return (settings.channels as Record<string, AutoAnswerMode>)[channel] ?? "off";
}

export function anyChannelOn(settings: AutoAnswerSettings): boolean {
  return Object.values(settings.channels).some((m) => m !== "off");
}
