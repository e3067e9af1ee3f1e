-- CreateEnum
CREATE TYPE "ReplySuggestionOutcome" AS ENUM ('SHOWN', 'ACCEPTED', 'EDITED', 'DISMISSED');

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "orderLookup" JSONB;

-- AlterTable
ALTER TABLE "KnowledgeSection" ADD COLUMN     "embeddingModel" TEXT;

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "policiesSyncedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReplySuggestion" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "inboundMessageId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "articleId" TEXT,
    "text" TEXT NOT NULL,
    "outcome" "ReplySuggestionOutcome" NOT NULL DEFAULT 'SHOWN',
    "surface" TEXT,
    "staffUserId" TEXT,
    "sentMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ReplySuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReplySuggestion_shopId_createdAt_idx" ON "ReplySuggestion"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "ReplySuggestion_conversationId_idx" ON "ReplySuggestion"("conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "ReplySuggestion_inboundMessageId_position_key" ON "ReplySuggestion"("inboundMessageId", "position");

-- AddForeignKey
ALTER TABLE "ReplySuggestion" ADD CONSTRAINT "ReplySuggestion_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplySuggestion" ADD CONSTRAINT "ReplySuggestion_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
