-- refreshCustomerStats for a dispatch batch's customers (locked or new in the same transaction).
-- @param {String} $1:ids
UPDATE "Customer" c
   SET "ordersCount" = GREATEST(c."ordersCount", t."count"), "totalSpent" = GREATEST(c."totalSpent", t."spent")
  FROM (SELECT "customerId", count(*)::int AS "count", COALESCE(sum("totalPrice"), 0) AS "spent"
          FROM "Order" WHERE "customerId" = ANY($1::text[]) AND "cancelledAt" IS NULL
         GROUP BY "customerId") t
 WHERE c."id" = t."customerId"
