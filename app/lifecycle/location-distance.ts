// Great-circle distance on a spherical Earth (haversine), and the latitude/longitude box that
// holds a circle, so SQL can narrow candidates with plain comparisons before the exact distance.
// Pure: unit-tested in tests/unit/location-distance.test.ts.

/** The mean Earth radius (IUGG), in km: good to about 0.5 % anywhere, plenty for "within 25 km". */
export const EARTH_RADIUS_KM = 6371.0088;

export interface Coordinates {
  latitude: number;
  longitude: number;
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Distance in km between two points given in decimal degrees. */
export function haversineKm(a: Coordinates, b: Coordinates): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  // min() guards against rounding just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function withinKm(center: Coordinates, radiusKm: number, point: Coordinates): boolean {
  return haversineKm(center, point) <= radiusKm;
}

/**
 * Every point within radiusKm of center lies inside this box. Longitude ranges are split where the
 * box crosses the antimeridian; a circle reaching a pole spans every longitude.
 */
export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  /** [west, east] pairs, each with west <= east. */
  longitudeRanges: [number, number][];
}

export function boundingBox(center: Coordinates, radiusKm: number): BoundingBox {
  const angular = radiusKm / EARTH_RADIUS_KM; // radians of arc
  const dLat = (angular * 180) / Math.PI;
  const minLatitude = Math.max(-90, center.latitude - dLat);
  const maxLatitude = Math.min(90, center.latitude + dLat);
  if (minLatitude <= -90 || maxLatitude >= 90 || angular >= Math.PI / 2) {
    return { minLatitude, maxLatitude, longitudeRanges: [[-180, 180]] };
  }
  // The widest longitude span of the circle (at the latitude of its tangent points).
  const dLon = (Math.asin(Math.min(1, Math.sin(angular) / Math.cos(radians(center.latitude)))) * 180) / Math.PI;
  const west = center.longitude - dLon;
  const east = center.longitude + dLon;
  if (dLon >= 180) return { minLatitude, maxLatitude, longitudeRanges: [[-180, 180]] };
  if (west < -180)
    return {
      minLatitude,
      maxLatitude,
      longitudeRanges: [
        [west + 360, 180],
        [-180, east],
      ],
    };
  if (east > 180)
    return {
      minLatitude,
      maxLatitude,
      longitudeRanges: [
        [west, 180],
        [-180, east - 360],
      ],
    };
  return { minLatitude, maxLatitude, longitudeRanges: [[west, east]] };
}
