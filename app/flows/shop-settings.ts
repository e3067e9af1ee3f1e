// Shop-wide messaging rules kept in Shop.settings (JSON, shared with other
// features): quiet hours for marketing messages and the marketing frequency cap.
// Missing or malformed values fall back to the defaults field by field, so a bad
// write can never stop messages from being sent.
import { z } from "zod";

export const DEFAULT_SHOP_MESSAGING_SETTINGS = {
  quietHours: { start: "08:00", end: "21:00" },
  frequencyCap: { maxPerWindow: 1, windowHours: 24 },
} as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24-hour)");

/** Strict schema, for validating what a merchant submits. */
export const shopMessagingSettingsInput = z.object({
  quietHours: z.object({ start: clock, end: clock }),
  frequencyCap: z.object({
    maxPerWindow: z.coerce.number().int().min(1).max(100),
    windowHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30),
  }),
});

export type ShopMessagingSettings = z.infer<typeof shopMessagingSettingsInput>;

const D = DEFAULT_SHOP_MESSAGING_SETTINGS;

/** Lenient schema, for reading what is stored. */
const stored = z.object({
  quietHours: z
    .object({
      start: clock.catch(D.quietHours.start),
      end: clock.catch(D.quietHours.end),
    })
    .catch({ ...D.quietHours }),
  frequencyCap: z
    .object({
      maxPerWindow: shopMessagingSettingsInput.shape.frequencyCap.shape.maxPerWindow.catch(D.frequencyCap.maxPerWindow),
      windowHours: shopMessagingSettingsInput.shape.frequencyCap.shape.windowHours.catch(D.frequencyCap.windowHours),
    })
    .catch({ ...D.frequencyCap }),
});

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Shop.settings (any JSON) → the messaging settings, with defaults for anything missing or invalid. */
export function shopMessagingSettings(settings: unknown): ShopMessagingSettings {
  const raw = asRecord(settings);
  return stored.parse({
    quietHours: asRecord(raw.quietHours),
    frequencyCap: asRecord(raw.frequencyCap),
  });
}

/** Minutes since midnight of an "HH:MM" value. */
export function clockMinutes(value: string): number {
  const [h, m] = value.split(":").map(Number);
  return h * 60 + m;
}

/**
 * New Shop.settings JSON with the messaging settings replaced and every other key
 * (widget…) kept. Throws a ZodError when `next` is invalid.
 */
export function withShopMessagingSettings(settings: unknown, next: ShopMessagingSettings): Record<string, unknown> {
  const valid = shopMessagingSettingsInput.parse(next);
  return { ...asRecord(settings), quietHours: valid.quietHours, frequencyCap: valid.frequencyCap };
}
