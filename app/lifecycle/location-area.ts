// Who a location promotion is for (docs/decisions/0061): a customer's place (country, ISO 3166-2
// region, coordinates) against the promotion's area (any listed country, OR any listed region, OR
// within radiusKm of a point). Pure; the SQL that reads places is location-candidates.server.ts.
import type { LifecycleSettings } from "../flows/lifecycle/settings";
import { withinKm, type Coordinates } from "./location-distance";

export type LocationPromotionSettings = LifecycleSettings["LOCATION_PROMOTION"];

/** Where we believe a customer is: their latest order's shipping address, else their own country. */
export interface CustomerPlace {
  country: string | null;
  /** ISO 3166-2, e.g. "US-CA". */
  region: string | null;
  coordinates: Coordinates | null;
}

/** With no country, no region and no point the promotion has no area, and enrols nobody. */
export function hasArea(settings: LocationPromotionSettings): boolean {
  return settings.countries.length > 0 || settings.regions.length > 0 || settings.near !== null;
}

export function placeMatches(place: CustomerPlace, settings: LocationPromotionSettings): boolean {
  if (place.country && settings.countries.includes(place.country)) return true;
  if (place.region && settings.regions.includes(place.region)) return true;
  const { near } = settings;
  return !!near && !!place.coordinates && withinKm(near, near.radiusKm, place.coordinates);
}

/** The promotion a run belongs to: renaming the promotion starts a new one. */
export function promotionKey(settings: Pick<LocationPromotionSettings, "promotionName">): string {
  return settings.promotionName.trim() || "default";
}

const TRIGGER_PREFIX = "location:";

export function locationTriggerPrefix(promotion: string): string {
  return `${TRIGGER_PREFIX}${promotion}:`;
}

/** One run per customer and promotion: `location:<promotion>:<customerId>`. */
export function locationTriggerKey(promotion: string, customerId: string): string {
  return `${locationTriggerPrefix(promotion)}${customerId}`;
}

/** The promotion named in a run's trigger key (names may contain ':'), or null for another key. */
export function promotionOfTriggerKey(triggerKey: string, customerId: string): string | null {
  const suffix = `:${customerId}`;
  if (!triggerKey.startsWith(TRIGGER_PREFIX) || !triggerKey.endsWith(suffix)) return null;
  return triggerKey.slice(TRIGGER_PREFIX.length, triggerKey.length - suffix.length);
}
