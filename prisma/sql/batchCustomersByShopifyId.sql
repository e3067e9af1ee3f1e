-- The customers a dispatch batch's orders name by Shopify id.
-- @param {String} $1:shopIds
-- @param {BigInt} $2:shopifyCustomerIds
SELECT c."id", c."shopId", c."shopifyCustomerId", c."mergedIntoId" FROM "Customer" c
  JOIN unnest($1::text[], $2::bigint[]) AS w("shopId", "shopifyCustomerId")
    ON c."shopId" = w."shopId" AND c."shopifyCustomerId" = w."shopifyCustomerId"
