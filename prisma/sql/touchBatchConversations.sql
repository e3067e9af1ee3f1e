-- The last activity and preview of the conversations a dispatch batch wrote to.
-- @param {String} $1:rows JSON array of { id, preview }
-- @param {DateTime} $2:now
UPDATE "Conversation" c SET "lastActivityAt" = $2, "lastMessagePreview" = v."preview", "updatedAt" = $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "preview" text)
 WHERE c."id" = v."id"
