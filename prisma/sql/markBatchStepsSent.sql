-- Steps whose message the provider accepted: SENT.
-- @param {String} $1:ids
-- @param {DateTime} $2:now
UPDATE "FlowStep" SET "state" = 'SENT', "lastError" = NULL, "updatedAt" = $2 WHERE "id" = ANY($1::text[])
