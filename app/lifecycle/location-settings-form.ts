// The location promotion's settings as the editor's text fields hold them, and back: what
// LocationPromotionCard shows and what the save payload sends (the strict schema is
// flowSettingsInput in app/flows/update-flow.server.ts, which reports errors per field).
import { lifecycleSettingsSchemas } from "../flows/lifecycle/settings";

export interface LocationForm {
  promotionName: string;
  /** Comma separated, as typed. */
  countries: string;
  regions: string;
  latitude: string;
  longitude: string;
  radiusKm: string;
  discountPercent: string;
  discountValidDays: string;
  /** "" for no segment. */
  segmentId: string;
}

export function locationFormFrom(settings: unknown): LocationForm {
  const raw = settings && typeof settings === "object" && !Array.isArray(settings) ? settings : {};
  const s = lifecycleSettingsSchemas.LOCATION_PROMOTION.parse(raw);
  return {
    promotionName: s.promotionName,
    countries: s.countries.join(", "),
    regions: s.regions.join(", "),
    latitude: s.near ? String(s.near.latitude) : "",
    longitude: s.near ? String(s.near.longitude) : "",
    radiusKm: s.near ? String(s.near.radiusKm) : "",
    discountPercent: String(s.discountPercent),
    discountValidDays: String(s.discountValidDays),
    segmentId: s.segmentId ?? "",
  };
}

const blank = (v: string) => v.trim() === "";

/** The settings object for the save payload. A blank part of a half-filled distance is left out, so the save names it. */
export function locationSettingsFrom(form: LocationForm): Record<string, unknown> {
  const nearParts = [form.latitude, form.longitude, form.radiusKm];
  const near = nearParts.every(blank)
    ? null
    : {
        latitude: blank(form.latitude) ? undefined : form.latitude.trim(),
        longitude: blank(form.longitude) ? undefined : form.longitude.trim(),
        radiusKm: blank(form.radiusKm) ? undefined : form.radiusKm.trim(),
      };
  return {
    promotionName: form.promotionName.trim(),
    countries: form.countries,
    regions: form.regions,
    near,
    discountPercent: form.discountPercent.trim(),
    discountValidDays: form.discountValidDays.trim(),
    segmentId: form.segmentId || null,
  };
}

/** True when no country, region or distance is set: the promotion would enrol nobody. */
export function formHasNoArea(form: LocationForm): boolean {
  return blank(form.countries) && blank(form.regions) && [form.latitude, form.longitude, form.radiusKm].every(blank);
}

/** The save error for a field ("countries", "near.latitude"…), including errors on its items ("countries.2"). */
export function locationFieldError(errors: { field: string; message: string }[], key: string): string | undefined {
  const path = `settings.${key}`;
  return errors.find((e) => e.field === path || e.field.startsWith(`${path}.`))?.message;
}
