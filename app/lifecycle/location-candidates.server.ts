// Reading customers' places for location promotions in one set-based query: each customer's latest
// order with a shipping address (country_code, province_code, latitude, longitude as ingest stores
// them), falling back to Customer.countryCode for the country. Countries, regions and the segment
// are filtered in SQL; a distance is narrowed in SQL by its bounding box and decided exactly here
// with the haversine distance.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { hasArea, placeMatches, type CustomerPlace, type LocationPromotionSettings } from "./location-area";
import { boundingBox } from "./location-distance";

export interface PlacedCustomer extends CustomerPlace {
  customerId: string;
}

interface PlaceRow {
  customerId: string;
  country: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** Rows read per query while paging: enough that a sweep rarely needs a second page. */
const PAGE_SIZE = 1000;

// The address JSON is camelCase (app/commerce/types.ts AddressInput); snake_case is read too, for
// rows written by anything that kept Shopify's own keys.
const text = (key: string, snake: string) =>
  Prisma.sql`NULLIF(upper(btrim(COALESCE(o."shippingAddress"->>${key}, o."shippingAddress"->>${snake}))), '')`;
const number = (key: string) =>
  Prisma.sql`CASE WHEN jsonb_typeof(o."shippingAddress"->${key}) = 'number' THEN (o."shippingAddress"->>${key})::float8 END`;

function placesSql(shopId: string, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id" AS "customerId",
           COALESCE(a."country", NULLIF(upper(btrim(c."countryCode")), '')) AS "country",
           CASE WHEN a."country" IS NULL OR a."province" IS NULL THEN NULL
                WHEN a."province" LIKE a."country" || '-%' THEN a."province"
                ELSE a."country" || '-' || a."province" END AS "region",
           a."latitude", a."longitude"
      FROM "Customer" c
      LEFT JOIN LATERAL (
        SELECT ${text("countryCode", "country_code")} AS "country",
               ${text("provinceCode", "province_code")} AS "province",
               ${number("latitude")} AS "latitude",
               ${number("longitude")} AS "longitude"
          FROM "Order" o
         WHERE o."customerId" = c."id" AND o."shopId" = ${shopId} AND jsonb_typeof(o."shippingAddress") = 'object'
         ORDER BY o."processedAt" DESC NULLS LAST, o."createdAt" DESC
         LIMIT 1
      ) a ON TRUE
     WHERE c."shopId" = ${shopId} AND c."redactedAt" IS NULL AND c."mergedIntoId" IS NULL AND ${where}`;
}

/** SQL over the places (alias p): in a listed country, a listed region, or the distance's box. */
function areaSql(settings: LocationPromotionSettings): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (settings.countries.length) parts.push(Prisma.sql`p."country" IN (${Prisma.join(settings.countries)})`);
  if (settings.regions.length) parts.push(Prisma.sql`p."region" IN (${Prisma.join(settings.regions)})`);
  if (settings.near) {
    const box = boundingBox(settings.near, settings.near.radiusKm);
    const longitudes = box.longitudeRanges.map(
      ([west, east]) => Prisma.sql`p."longitude" BETWEEN ${west}::float8 AND ${east}::float8`,
    );
    parts.push(
      Prisma.sql`(p."latitude" BETWEEN ${box.minLatitude}::float8 AND ${box.maxLatitude}::float8 AND (${Prisma.join(longitudes, " OR ")}))`,
    );
  }
  return parts.length ? Prisma.join(parts, " OR ", "(", ")") : Prisma.sql`FALSE`;
}

function placeOf(row: PlaceRow): PlacedCustomer {
  return {
    customerId: row.customerId,
    country: row.country,
    region: row.region,
    coordinates:
      row.latitude !== null && row.longitude !== null
        ? { latitude: Number(row.latitude), longitude: Number(row.longitude) }
        : null,
  };
}

/**
 * Customers matching the promotion's area (and `filter`, SQL over the customer alias c), in id
 * order, at most `limit`. Pages through the box's rows so that a crowd just outside the circle
 * (inside its box) never hides the customers after it.
 */
export async function customersInArea(
  shopId: string,
  settings: LocationPromotionSettings,
  filter: Prisma.Sql,
  limit: number,
): Promise<PlacedCustomer[]> {
  if (!hasArea(settings) || limit <= 0) return [];
  const found: PlacedCustomer[] = [];
  let after = "";
  for (;;) {
    const rows = await db().$queryRaw<PlaceRow[]>(Prisma.sql`
      SELECT p.* FROM (${placesSql(shopId, Prisma.sql`${filter} AND c."id" > ${after}`)}) p
       WHERE ${areaSql(settings)}
       ORDER BY p."customerId"
       LIMIT ${PAGE_SIZE}`);
    for (const row of rows) {
      const place = placeOf(row);
      if (placeMatches(place, settings)) found.push(place);
      if (found.length >= limit) return found;
    }
    if (rows.length < PAGE_SIZE) return found;
    after = rows[rows.length - 1].customerId;
  }
}

/** SQL: the customer (alias c) is a member of the shop's segment. */
export function inSegment(shopId: string, segmentId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "SegmentMember" m
   WHERE m."segmentId" = ${segmentId} AND m."customerId" = c."id" AND m."shopId" = ${shopId})`;
}
