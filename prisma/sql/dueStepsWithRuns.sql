-- The steps a dispatch batch runs, with their run and flow.
-- @param {String} $1:ids
SELECT s."id", s."shopId", s."runId", s."position", s."state"::text AS "state", s."dueAt",
       r."status"::text AS "runStatus", r."flowId", r."customerId", r."context"::text AS "context",
       f."kind"::text AS "flowKind", f."name" AS "flowName"
  FROM "FlowStep" s JOIN "FlowRun" r ON r."id" = s."runId" JOIN "Flow" f ON f."id" = r."flowId"
 WHERE s."id" = ANY($1::text[])
