-- Known customers of a dispatch batch, locked as refreshCustomerStats locks them (NO KEY UPDATE:
-- order inserts hold KEY SHARE through their foreign key), with the fields the update reads.
-- @param {String} $1:ids
SELECT "id", "firstName", "lastName", "email", "phone", "locale", "countryCode", "ianaTimezone", "ordersCount",
       "totalSpent"::text AS "totalSpent", "shopifyCreatedAt", "shopifyUpdatedAt"
  FROM "Customer" WHERE "id" = ANY($1::text[])
 ORDER BY "id" FOR NO KEY UPDATE
