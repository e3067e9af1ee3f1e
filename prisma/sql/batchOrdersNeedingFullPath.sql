-- Orders of a dispatch batch only the per-order path handles: fulfillments that came first, a checkout
-- to mark recovered, an active cart recovery this order stops, a recovery message it may be credited to.
-- @param {String} $1:shopIds
-- @param {BigInt} $2:shopifyOrderIds
-- @param {String} $3:checkoutTokens
-- @param {String} $4:emails
-- @param {String} $5:phones
-- @param {BigInt} $6:shopifyCustomerIds
SELECT w."shopId", w."shopifyOrderId"
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[])
       AS w("shopId", "shopifyOrderId", "token", "email", "phone", "shopifyCustomerId")
  LEFT JOIN "Flow" rf ON rf."shopId" = w."shopId" AND rf."kind" = 'CART_RECOVERY'
  LEFT JOIN "Customer" c ON c."shopId" = w."shopId" AND c."shopifyCustomerId" = w."shopifyCustomerId"
 WHERE EXISTS (SELECT 1 FROM "Fulfillment" f WHERE f."shopId" = w."shopId" AND f."shopifyOrderId" = w."shopifyOrderId")
    OR (w."token" IS NOT NULL AND EXISTS (
         SELECT 1 FROM "Checkout" k WHERE k."shopId" = w."shopId" AND k."token" = w."token"))
    OR (rf."id" IS NOT NULL AND EXISTS (
         SELECT 1 FROM "FlowRun" r
          WHERE r."shopId" = w."shopId" AND r."flowId" = rf."id" AND r."status" = 'ACTIVE'
            AND (r."triggerKey" = w."token" OR r."customerId" = c."id"
                 OR r."context" -> 'email' = to_jsonb(w."email") OR r."context" -> 'phone' = to_jsonb(w."phone"))))
    OR (rf."id" IS NOT NULL AND c."id" IS NOT NULL AND EXISTS (
         SELECT 1 FROM "Message" m WHERE m."customerId" = c."id" AND m."flowId" = rf."id"))
