-- Addresses a dispatch batch's customers are recognised by (strict: a concurrent owner aborts the batch).
-- @param {String} $1:rows JSON array of { id, shopId, customerId, kind, value }
-- @param {DateTime} $2:now
INSERT INTO "CustomerIdentity" ("id", "shopId", "customerId", "kind", "value", "createdAt")
SELECT v."id", v."shopId", v."customerId", v."kind"::"IdentityKind", v."value", $2
  FROM jsonb_to_recordset($1::jsonb) AS v("id" text, "shopId" text, "customerId" text, "kind" text, "value" text)
