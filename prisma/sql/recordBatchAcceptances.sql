-- The provider's acceptances of a dispatch batch, on messages still PENDING.
-- @param {String} $1:rows JSON array of { id, providerMessageId, status, from }
-- @param {DateTime} $2:now
UPDATE "Message" m
   SET "providerMessageId" = v."providerMessageId", "deliveryStatus" = v."status"::"DeliveryStatus",
       "sentAt" = $2, "errorCode" = NULL, "errorMessage" = NULL,
       "fromAddress" = COALESCE(v."from", m."fromAddress"), "updatedAt" = $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "providerMessageId" text, "status" text, "from" text)
 WHERE m."id" = v."id" AND m."deliveryStatus" = 'PENDING'
RETURNING m."id"
