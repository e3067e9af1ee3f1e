-- The send attempt of a dispatch batch's messages, committed before any provider call; returns the
-- messages this batch won (one still PENDING with no attempt).
-- @param {String} $1:ids
-- @param {DateTime} $2:now
UPDATE "Message" SET "sendAttemptedAt" = $2, "updatedAt" = $2
 WHERE "id" = ANY($1::text[]) AND "deliveryStatus" = 'PENDING' AND "sendAttemptedAt" IS NULL
RETURNING "id"
