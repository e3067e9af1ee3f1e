-- The order-confirmation flow of each shop of a dispatch batch, with its steps as JSON text.
-- @param {String} $1:shopIds
SELECT f."shopId", f."id", f."enabled",
       COALESCE((SELECT json_agg(json_build_object('position', d."position", 'delayMinutes', d."delayMinutes"))
                   FROM "FlowStepDefinition" d WHERE d."flowId" = f."id"), '[]'::json)::text AS "steps"
  FROM "Flow" f
 WHERE f."shopId" = ANY($1::text[]) AND f."kind" = 'ORDER_CONFIRMATION'
