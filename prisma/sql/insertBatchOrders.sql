-- New orders of a dispatch batch.
-- @param {String} $1:rows JSON array of OrderRow
-- @param {DateTime} $2:now
INSERT INTO "Order" ("id", "shopId", "shopifyOrderId", "customerId", "name", "email", "phone", "currency",
  "totalPrice", "financialStatus", "fulfillmentStatus", "checkoutToken", "orderStatusUrl", "lineItems",
  "shippingAddress", "processedAt", "cancelledAt", "shopifyUpdatedAt", "createdAt", "updatedAt")
SELECT v."id", v."shopId", v."shopifyOrderId", v."customerId", v."name", v."email", v."phone", v."currency",
       v."totalPrice", v."financialStatus", v."fulfillmentStatus", v."checkoutToken", v."orderStatusUrl",
       COALESCE(v."lineItems", '[]'::jsonb), v."shippingAddress", v."processedAt", v."cancelledAt",
       v."shopifyUpdatedAt", $2, $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "shopifyOrderId" bigint,
       "customerId" text, "name" text, "email" text, "phone" text, "currency" text, "totalPrice" numeric,
       "financialStatus" text, "fulfillmentStatus" text, "checkoutToken" text, "orderStatusUrl" text,
       "lineItems" jsonb, "shippingAddress" jsonb, "processedAt" timestamp(3), "cancelledAt" timestamp(3),
       "shopifyUpdatedAt" timestamp(3))
