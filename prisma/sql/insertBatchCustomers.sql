-- New customers of a dispatch batch (app/dispatch/new-orders/), one JSON array for all of them.
-- @param {String} $1:rows JSON array of NewCustomerRow
-- @param {DateTime} $2:now
INSERT INTO "Customer" ("id", "shopId", "shopifyCustomerId", "firstName", "lastName", "email", "phone", "locale",
  "countryCode", "ianaTimezone", "ordersCount", "totalSpent", "shopifyCreatedAt", "shopifyUpdatedAt", "createdAt", "updatedAt")
SELECT v."id", v."shopId", v."shopifyCustomerId", v."firstName", v."lastName", v."email", v."phone", v."locale",
       v."countryCode", v."ianaTimezone", COALESCE(v."ordersCount", 0), COALESCE(v."totalSpent", 0),
       v."shopifyCreatedAt", v."shopifyUpdatedAt", $2, $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "shopifyCustomerId" bigint,
       "firstName" text, "lastName" text, "email" text, "phone" text, "locale" text, "countryCode" text,
       "ianaTimezone" text, "ordersCount" int, "totalSpent" numeric, "shopifyCreatedAt" timestamp(3),
       "shopifyUpdatedAt" timestamp(3))
