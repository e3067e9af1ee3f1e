// The location promotion's pure parts: the haversine distance, the bounding box SQL narrows with,
// the area rule, trigger keys, the run's discount code, and the editor's form conversion.
import { describe, expect, it } from "vitest";
import { discountCodeFor } from "../../app/lifecycle/discount-code";
import {
  hasArea,
  locationTriggerKey,
  placeMatches,
  promotionKey,
  promotionOfTriggerKey,
  type LocationPromotionSettings,
} from "../../app/lifecycle/location-area";
import { boundingBox, haversineKm, withinKm, type Coordinates } from "../../app/lifecycle/location-distance";
import { locationFieldError, locationFormFrom, locationSettingsFrom } from "../../app/lifecycle/location-settings-form";

const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const LONDON = { latitude: 51.5074, longitude: -0.1278 };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };

function settings(over: Partial<LocationPromotionSettings> = {}): LocationPromotionSettings {
  return {
    promotionName: "",
    countries: [],
    regions: [],
    near: null,
    discountPercent: 10,
    discountValidDays: 14,
    segmentId: null,
    ...over,
  };
}

const inBox = (box: ReturnType<typeof boundingBox>, p: Coordinates) =>
  p.latitude >= box.minLatitude &&
  p.latitude <= box.maxLatitude &&
  box.longitudeRanges.some(([w, e]) => p.longitude >= w && p.longitude <= e);

/** Points on the circle's edge (just inside it), every 5 degrees of bearing. */
function circle(center: Coordinates, radiusKm: number): Coordinates[] {
  const R = 6371.0088;
  const d = (radiusKm * 0.999) / R;
  const lat1 = (center.latitude * Math.PI) / 180;
  const lon1 = (center.longitude * Math.PI) / 180;
  const points: Coordinates[] = [];
  for (let bearing = 0; bearing < 360; bearing += 5) {
    const b = (bearing * Math.PI) / 180;
    const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
    const lon2 =
      lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
    let longitude = (lon2 * 180) / Math.PI;
    if (longitude > 180) longitude -= 360;
    if (longitude < -180) longitude += 360;
    points.push({ latitude: (lat2 * 180) / Math.PI, longitude });
  }
  return points;
}

describe("haversineKm", () => {
  it("GIVEN known city pairs THEN the great-circle distances are the published ones (within 0.5 %)", () => {
    expect(haversineKm(PARIS, LONDON)).toBeCloseTo(343.5, -1);
    expect(Math.abs(haversineKm(PARIS, NEW_YORK) - 5837) / 5837).toBeLessThan(0.005);
  });

  it("GIVEN the same point, swapped ends and antipodes THEN 0, symmetric, and half the circumference", () => {
    expect(haversineKm(PARIS, PARIS)).toBe(0);
    expect(haversineKm(PARIS, LONDON)).toBe(haversineKm(LONDON, PARIS));
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * 6371.0088,
      3,
    );
  });

  it("GIVEN points on either side of the antimeridian THEN they are close, not a world apart", () => {
    expect(haversineKm({ latitude: 0, longitude: 179.9 }, { latitude: 0, longitude: -179.9 })).toBeCloseTo(22.24, 1);
  });

  it("GIVEN a radius THEN withinKm includes its edge and excludes beyond", () => {
    const d = haversineKm(PARIS, LONDON);
    expect(withinKm(PARIS, d, LONDON)).toBe(true);
    expect(withinKm(PARIS, d - 0.01, LONDON)).toBe(false);
  });
});

describe("boundingBox", () => {
  it.each([
    ["Paris, 50 km", PARIS, 50],
    ["Reykjavik, 300 km", { latitude: 64.1466, longitude: -21.9426 }, 300],
    ["the equator, 1000 km", { latitude: 0, longitude: 10 }, 1000],
    ["Fiji across the antimeridian, 200 km", { latitude: -17.7134, longitude: 179.9 }, 200],
    ["Samoa across the antimeridian, 200 km", { latitude: -13.759, longitude: -179.9 }, 200],
  ])("GIVEN %s THEN every point of the circle lies in the box", (_name, center, radius) => {
    const box = boundingBox(center, radius);
    for (const p of circle(center, radius)) expect(inBox(box, p)).toBe(true);
  });

  it("GIVEN a circle crossing the antimeridian THEN the longitudes split into two ranges", () => {
    const box = boundingBox({ latitude: 0, longitude: 179.9 }, 100);
    expect(box.longitudeRanges).toHaveLength(2);
    expect(box.longitudeRanges[0][1]).toBe(180);
    expect(box.longitudeRanges[1][0]).toBe(-180);
  });

  it("GIVEN a circle reaching a pole THEN every longitude is in", () => {
    const box = boundingBox({ latitude: 89.5, longitude: 0 }, 100);
    expect(box.maxLatitude).toBe(90);
    expect(box.longitudeRanges).toEqual([[-180, 180]]);
  });
});

describe("the promotion's area", () => {
  const place = { country: "US", region: "US-CA", coordinates: { latitude: 34.05, longitude: -118.24 } };

  it("GIVEN no country, region or point THEN there is no area and nobody matches", () => {
    expect(hasArea(settings())).toBe(false);
    expect(placeMatches(place, settings())).toBe(false);
  });

  it("GIVEN a country, a region or a point THEN any one of them is enough", () => {
    expect(placeMatches(place, settings({ countries: ["FR", "US"] }))).toBe(true);
    expect(placeMatches(place, settings({ regions: ["US-CA"] }))).toBe(true);
    expect(placeMatches(place, settings({ regions: ["US-NY"] }))).toBe(false);
    const santaMonica = { latitude: 34.0195, longitude: -118.4912, radiusKm: 30 };
    expect(placeMatches(place, settings({ near: santaMonica }))).toBe(true);
    expect(placeMatches(place, settings({ near: { ...santaMonica, radiusKm: 10 } }))).toBe(false);
    expect(placeMatches({ ...place, coordinates: null }, settings({ near: santaMonica }))).toBe(false);
  });

  it("GIVEN a promotion name (or none) THEN the trigger key names it and reads back, colons included", () => {
    expect(promotionKey(settings())).toBe("default");
    expect(promotionKey(settings({ promotionName: "Spring: Paris" }))).toBe("Spring: Paris");
    const key = locationTriggerKey("Spring: Paris", "cust_1");
    expect(key).toBe("location:Spring: Paris:cust_1");
    expect(promotionOfTriggerKey(key, "cust_1")).toBe("Spring: Paris");
    expect(promotionOfTriggerKey("welcome:cust_1", "cust_1")).toBeNull();
  });
});

describe("the run's discount code", () => {
  it("GIVEN a run id THEN its code is always the same, differs from other runs', and reads easily", () => {
    const code = discountCodeFor("run_abc", "Summer sale! Été");
    expect(code).toBe(discountCodeFor("run_abc", "Summer sale! Été"));
    expect(code).toMatch(/^SUMMERSALEET-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(discountCodeFor("run_abd", "Summer sale! Été")).not.toBe(code);
    expect(discountCodeFor("run_abc", "")).toMatch(/^TL-/);
  });
});

describe("the editor's location fields", () => {
  it("GIVEN saved settings THEN the form shows them as text, and sends them back in the save schema's shape", () => {
    const form = locationFormFrom({
      promotionName: "Summer",
      countries: ["FR", "BE"],
      regions: ["US-CA"],
      near: { latitude: 48.85, longitude: 2.35, radiusKm: 25 },
      discountPercent: 20,
      discountValidDays: 7,
      segmentId: "seg_1",
    });
    expect(form).toEqual({
      promotionName: "Summer",
      countries: "FR, BE",
      regions: "US-CA",
      latitude: "48.85",
      longitude: "2.35",
      radiusKm: "25",
      discountPercent: "20",
      discountValidDays: "7",
      segmentId: "seg_1",
    });
    expect(locationSettingsFrom(form)).toEqual({
      promotionName: "Summer",
      countries: "FR, BE",
      regions: "US-CA",
      near: { latitude: "48.85", longitude: "2.35", radiusKm: "25" },
      discountPercent: "20",
      discountValidDays: "7",
      segmentId: "seg_1",
    });
  });

  it("GIVEN an empty distance and no segment THEN near and segmentId are null; a half-filled distance leaves the blank out", () => {
    const blank = { ...locationFormFrom({}), latitude: "", longitude: "", radiusKm: "" };
    expect(locationSettingsFrom(blank)).toMatchObject({ near: null, segmentId: null });
    const half = JSON.parse(JSON.stringify(locationSettingsFrom({ ...blank, latitude: "48.8", longitude: "2.3" })));
    expect(half.near).toEqual({ latitude: "48.8", longitude: "2.3" });
  });

  it("GIVEN save errors THEN each field finds its own, including errors on one of its codes", () => {
    const errors = [
      { field: "settings.countries.1", message: "must be codes such as US or FR" },
      { field: "settings.near.radiusKm", message: "Required" },
    ];
    expect(locationFieldError(errors, "countries")).toBe("must be codes such as US or FR");
    expect(locationFieldError(errors, "near.radiusKm")).toBe("Required");
    expect(locationFieldError(errors, "regions")).toBeUndefined();
  });
});
