-- Flow and campaign messages a dispatch batch claims, PENDING; a key already taken is skipped (and
-- not returned).
-- @param {String} $1:rows JSON array of the messages
-- @param {DateTime} $2:now
INSERT INTO "Message" ("id", "shopId", "conversationId", "customerId", "direction", "channel", "author",
  "authorName", "subject", "body", "toAddress", "deliveryStatus", "idempotencyKey", "flowId", "flowRunId",
  "flowStepId", "campaignId", "metadata", "createdAt", "updatedAt")
SELECT v."id", v."shopId", v."conversationId", v."customerId", 'OUTBOUND', v."channel"::"Channel", 'FLOW',
       v."authorName", v."subject", v."body", v."toAddress", 'PENDING', v."idempotencyKey", v."flowId",
       v."flowRunId", v."flowStepId", v."campaignId", v."metadata", $2, $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "conversationId" text,
       "customerId" text, "channel" text, "authorName" text, "subject" text, "body" text, "toAddress" text,
       "idempotencyKey" text, "flowId" text, "flowRunId" text, "flowStepId" text, "campaignId" text,
       "metadata" jsonb)
ON CONFLICT DO NOTHING
RETURNING "id", "flowStepId"
