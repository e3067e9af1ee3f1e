-- Which orders of a dispatch batch we hold already.
-- @param {String} $1:shopIds
-- @param {BigInt} $2:shopifyOrderIds
SELECT o."shopId", o."shopifyOrderId" FROM "Order" o
  JOIN unnest($1::text[], $2::bigint[]) AS w("shopId", "shopifyOrderId")
    ON o."shopId" = w."shopId" AND o."shopifyOrderId" = w."shopifyOrderId"
