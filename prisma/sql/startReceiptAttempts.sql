-- Claims a batch of webhook receipts for one more processing attempt, skipping processed ones
-- and those out of attempts; returns what the worker needs to process them.
-- @param {String} $1:ids
-- @param {Int} $2:maxAttempts receipts with this many attempts are left alone
UPDATE "WebhookReceipt"
SET "attempts" = "attempts" + 1
WHERE "id" = ANY($1::text[])
  AND "status" <> 'PROCESSED'::"WebhookReceiptStatus"
  AND "attempts" < $2
RETURNING "id", "topic", "shopDomain", "attempts", "payload"::text AS "payload"
