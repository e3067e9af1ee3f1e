-- The KPI dashboard's reply time (app/kpis/support.server.ts, decision 0045) reads the staff replies
-- with a recorded wait of one shop in a period. Without this index it reads every message of the
-- shop in the period (or the whole table) to find them. Partial and covering, so the query reads
-- only those replies and only from the index. Prisma's schema language cannot express WHERE or
-- INCLUDE, so this index lives here only (see the note on model Message in schema.prisma)
-- and the schema engine's drift check leaves it alone.
CREATE INDEX "Message_kpi_reply_wait_idx" ON "Message" ("shopId", "createdAt")
  INCLUDE ("replyWaitSeconds", "replyWaitBusinessSeconds", "channel", "staffUserId", "conversationId")
  WHERE "replyWaitSeconds" IS NOT NULL;
