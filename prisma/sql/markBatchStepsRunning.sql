-- Steps whose message a dispatch batch claimed: RUNNING on the chosen channel.
-- @param {String} $1:rows JSON array of { id, channel }
-- @param {DateTime} $2:now
UPDATE "FlowStep" s
   SET "state" = 'RUNNING', "channel" = v."channel"::"Channel", "attempts" = s."attempts" + 1,
       "deferredReason" = NULL, "lastError" = NULL, "updatedAt" = $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "channel" text)
 WHERE s."id" = v."id" AND s."state" IN ('PENDING', 'DEFERRED')
