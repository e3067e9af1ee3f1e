-- The steps of the flow runs a dispatch batch starts, PENDING.
-- @param {String} $1:rows JSON array of { id, shopId, runId, position, dueAt }
-- @param {DateTime} $2:now
INSERT INTO "FlowStep" ("id", "shopId", "runId", "position", "dueAt", "state", "attempts", "createdAt", "updatedAt")
SELECT v."id", v."shopId", v."runId", v."position", v."dueAt", 'PENDING', 0, $2, $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "runId" text, "position" int, "dueAt" timestamp(3))
