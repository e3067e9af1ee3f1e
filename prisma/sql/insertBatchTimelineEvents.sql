-- Timeline events of a dispatch batch (orders' and messages'); the (shopId, dedupeKey) key keeps the first.
-- @param {String} $1:rows JSON array of TimelineEventInput with ids
-- @param {DateTime} $2:now
INSERT INTO "TimelineEvent" ("id", "shopId", "customerId", "type", "occurredAt", "dedupeKey", "title", "orderId",
  "messageId", "data", "createdAt")
SELECT v."id", v."shopId", v."customerId", v."type"::"TimelineEventType", v."occurredAt", v."dedupeKey", v."title",
       v."orderId", v."messageId", COALESCE(v."data", '{}'::jsonb), $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "customerId" text, "type" text,
       "occurredAt" timestamp(3), "dedupeKey" text, "title" text, "orderId" text, "messageId" text, "data" jsonb)
ON CONFLICT DO NOTHING
