-- Known customers of a dispatch batch: the values updatedCustomer() computed under the row locks.
-- @param {String} $1:rows JSON array of CurrentCustomer
-- @param {DateTime} $2:now
UPDATE "Customer" c
   SET "firstName" = v."firstName", "lastName" = v."lastName", "email" = v."email", "phone" = v."phone",
       "locale" = v."locale", "countryCode" = v."countryCode", "ianaTimezone" = v."ianaTimezone",
       "ordersCount" = v."ordersCount", "totalSpent" = v."totalSpent", "shopifyCreatedAt" = v."shopifyCreatedAt",
       "shopifyUpdatedAt" = v."shopifyUpdatedAt", "updatedAt" = $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "firstName" text, "lastName" text, "email" text,
       "phone" text, "locale" text, "countryCode" text, "ianaTimezone" text, "ordersCount" int, "totalSpent" numeric,
       "shopifyCreatedAt" timestamp(3), "shopifyUpdatedAt" timestamp(3))
 WHERE c."id" = v."id"
