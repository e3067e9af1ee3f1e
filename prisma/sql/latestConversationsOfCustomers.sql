-- Each customer's conversation for automated messages: the open one, else the latest.
-- @param {String} $1:customerIds
SELECT DISTINCT ON ("customerId") "id", "replyToken", "customerId" FROM "Conversation"
 WHERE "customerId" = ANY($1::text[])
 ORDER BY "customerId", ("openCustomerId" IS NOT DISTINCT FROM "customerId") DESC, "lastActivityAt" DESC, "id" DESC
