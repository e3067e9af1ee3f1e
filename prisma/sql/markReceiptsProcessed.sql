-- Marks a batch of webhook receipts processed in one statement; returns the ids it changed.
-- @param {String} $1:ids
UPDATE "WebhookReceipt"
SET "status" = 'PROCESSED'::"WebhookReceiptStatus", "processedAt" = now(), "error" = NULL
WHERE "id" = ANY($1::text[])
RETURNING "id"
