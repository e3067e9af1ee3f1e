-- The timeline events of accepted messages follow their status (as updateMessageEvent does one by one).
-- @param {String} $1:rows JSON array of { id, providerMessageId, status }
UPDATE "TimelineEvent" t
   SET "data" = ((CASE WHEN jsonb_typeof(t."data") = 'object' THEN t."data" ELSE '{}'::jsonb END)
                 || jsonb_strip_nulls(jsonb_build_object('deliveryStatus', v."status",
                                                         'providerMessageId', v."providerMessageId")))
                - ARRAY['errorCode', 'errorMessage']
                - (CASE WHEN v."providerMessageId" IS NULL THEN ARRAY['providerMessageId'] ELSE ARRAY[]::text[] END)
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "providerMessageId" text, "status" text)
 WHERE t."messageId" = v."id"
