-- The addresses of a dispatch batch's customers someone already owns, with their owner's Shopify id and merge.
-- @param {String} $1:shopIds
-- @param {String} $2:kinds
-- @param {String} $3:identityValues
SELECT i."shopId", i."kind", i."value", i."customerId", o."shopifyCustomerId" AS "ownerShopifyCustomerId",
       o."mergedIntoId" AS "ownerMergedIntoId"
  FROM "CustomerIdentity" i JOIN "Customer" o ON o."id" = i."customerId"
  JOIN unnest($1::text[], $2::text[], $3::text[]) AS w("shopId", "kind", "value")
    ON i."shopId" = w."shopId" AND i."kind"::text = w."kind" AND i."value" = w."value"
