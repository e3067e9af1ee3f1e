-- RESOLVED conversations for automated messages to customers who have none (never an inbox thread),
-- created with the last activity and preview of the message being claimed into them.
-- @param {String} $1:rows JSON array of { id, shopId, customerId, replyToken, preview }
-- @param {DateTime} $2:now
INSERT INTO "Conversation" ("id", "shopId", "customerId", "status", "replyToken", "resolvedAt", "lastActivityAt",
  "lastMessagePreview", "createdAt", "updatedAt")
SELECT v."id", v."shopId", v."customerId", 'RESOLVED', v."replyToken", $2, $2, v."preview", $2, $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "customerId" text, "replyToken" text,
       "preview" text)
