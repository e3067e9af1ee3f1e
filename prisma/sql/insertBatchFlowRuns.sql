-- Flow runs a dispatch batch starts.
-- @param {String} $1:rows JSON array of { id, shopId, flowId, customerId, triggerKey, context }
-- @param {DateTime} $2:now
INSERT INTO "FlowRun" ("id", "shopId", "flowId", "customerId", "triggerKey", "status", "context", "startedAt")
SELECT v."id", v."shopId", v."flowId", v."customerId", v."triggerKey", 'ACTIVE', v."context", $2
  FROM jsonb_to_recordset($1::jsonb)
       AS v("id" text, "shopId" text, "flowId" text, "customerId" text, "triggerKey" text, "context" jsonb)
