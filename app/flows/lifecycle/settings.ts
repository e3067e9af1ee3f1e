// The lifecycle flows' settings (Flow.settings JSON), lenient like the others: a bad or missing
// value falls back to its default, so a broken setting never stops messages. The editor's strict
// input schema is in app/flows/update-flow.server.ts.
import { z } from "zod";

const whole = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).catch(fallback);

export const WELCOME_SERIES_SETTINGS = { signupWithinDays: 2 } as const;
export const BROWSE_ABANDONMENT_SETTINGS = { browseLookbackHours: 24, browseCooldownDays: 7 } as const;
export const CROSS_SELL_SETTINGS = { deliveredWithinDays: 3 } as const;
export const REPLENISHMENT_SETTINGS = { replenishmentLeadDays: 3 } as const;
export const WIN_BACK_SETTINGS = { lapsedDays: 90, winBackAtRisk: 1, winBackCooldownDays: 180 } as const;
export const LOCATION_PROMOTION_SETTINGS = {
  promotionName: "",
  countries: [] as string[],
  regions: [] as string[],
  near: null as { latitude: number; longitude: number; radiusKm: number } | null,
  discountPercent: 10,
  discountValidDays: 14,
  segmentId: null as string | null,
};

/** A location promotion's centre and radius (the editor's strict schema uses it too). */
export const NEAR_POINT = z.object({
  latitude: z.coerce.number().min(-90).max(90),
  longitude: z.coerce.number().min(-180).max(180),
  radiusKm: z.coerce.number().positive().max(20_000),
});

/** ISO country codes ("US") and ISO 3166-2 regions ("US-CA", "CA-QC"). */
export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

const codes = (pattern: RegExp) =>
  z
    .array(z.string())
    .catch([])
    .transform((list) => [...new Set(list.map((c) => c.trim().toUpperCase()).filter((c) => pattern.test(c)))]);

export const lifecycleSettingsSchemas = {
  WELCOME_SERIES: z.object({
    signupWithinDays: whole(1, 60, WELCOME_SERIES_SETTINGS.signupWithinDays),
  }),
  BROWSE_ABANDONMENT: z.object({
    browseLookbackHours: whole(1, 168, BROWSE_ABANDONMENT_SETTINGS.browseLookbackHours),
    browseCooldownDays: whole(0, 90, BROWSE_ABANDONMENT_SETTINGS.browseCooldownDays),
  }),
  CROSS_SELL: z.object({
    deliveredWithinDays: whole(1, 60, CROSS_SELL_SETTINGS.deliveredWithinDays),
  }),
  REPLENISHMENT: z.object({
    replenishmentLeadDays: whole(0, 60, REPLENISHMENT_SETTINGS.replenishmentLeadDays),
  }),
  WIN_BACK: z.object({
    lapsedDays: whole(7, 730, WIN_BACK_SETTINGS.lapsedDays),
    // 1: customers whose RFM group is at risk enter too, however recent their last order.
    winBackAtRisk: whole(0, 1, WIN_BACK_SETTINGS.winBackAtRisk),
    winBackCooldownDays: whole(0, 730, WIN_BACK_SETTINGS.winBackCooldownDays),
  }),
  LOCATION_PROMOTION: z.object({
    promotionName: z.string().trim().max(60).catch(""),
    // ISO 3166-1 alpha-2 ("CA"), and ISO 3166-2 regions ("US-CA", "CA-QC").
    countries: codes(COUNTRY_CODE),
    regions: codes(REGION_CODE),
    near: NEAR_POINT.nullable().catch(null),
    discountPercent: whole(1, 100, LOCATION_PROMOTION_SETTINGS.discountPercent),
    discountValidDays: whole(1, 365, LOCATION_PROMOTION_SETTINGS.discountValidDays),
    segmentId: z.string().min(1).nullable().catch(null),
  }),
};

export type LifecycleSettings = {
  [K in keyof typeof lifecycleSettingsSchemas]: z.infer<(typeof lifecycleSettingsSchemas)[K]>;
};
