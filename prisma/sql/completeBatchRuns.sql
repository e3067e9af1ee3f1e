-- Runs of a dispatch batch with no step left waiting: COMPLETED.
-- @param {String} $1:runIds
-- @param {DateTime} $2:now
UPDATE "FlowRun" r SET "status" = 'COMPLETED', "endReason" = 'all steps done', "endedAt" = $2
 WHERE r."id" = ANY($1::text[]) AND r."status" = 'ACTIVE'
   AND NOT EXISTS (SELECT 1 FROM "FlowStep" s WHERE s."runId" = r."id" AND s."state" IN ('PENDING', 'DEFERRED'))
