// Shop.settings.attribution: how long after a marketing message an order is still credited to it
// (decision 0046). Email is credited on engagement (an open or a click within `openClickDays`),
// SMS, WhatsApp and the other channels on delivery (within `smsDeliveryHours`), because a text has
// no open to measure. Lenient reader: an unreadable value falls back to its default.
export interface AttributionSettings {
  openClickDays: number;
  smsDeliveryHours: number;
}

export const DEFAULT_ATTRIBUTION: AttributionSettings = { openClickDays: 5, smsDeliveryHours: 12 };
export const MAX_OPEN_CLICK_DAYS = 90;
export const MAX_SMS_DELIVERY_HOURS = 720;

function wholeIn(value: unknown, max: number): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= max ? value : null;
}

export function parseAttributionSettings(shopSettings: unknown): AttributionSettings {
  const raw = (shopSettings as { attribution?: Record<string, unknown> } | null)?.attribution ?? {};
  return {
    openClickDays: wholeIn(raw.openClickDays, MAX_OPEN_CLICK_DAYS) ?? DEFAULT_ATTRIBUTION.openClickDays,
    smsDeliveryHours: wholeIn(raw.smsDeliveryHours, MAX_SMS_DELIVERY_HOURS) ?? DEFAULT_ATTRIBUTION.smsDeliveryHours,
  };
}
