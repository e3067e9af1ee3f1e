-- Automatic answers (app/answers/, decision 0032): one AutoAnswer row per new inbound message on a
-- channel switched on, the automatic flag on messages, and the hand-off / cycle fields on conversations.
-- CreateEnum
CREATE TYPE "AutoAnswerState" AS ENUM ('PENDING', 'ANSWERED', 'HANDED_OFF', 'SKIPPED');

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "handoffReason" TEXT,
ADD COLUMN     "lastResolvedAt" TIMESTAMP(3),
ADD COLUMN     "waitingForPersonSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "automatic" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AutoAnswer" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "inboundMessageId" TEXT NOT NULL,
    "state" "AutoAnswerState" NOT NULL DEFAULT 'PENDING',
    "outcome" TEXT,
    "replyMessageId" TEXT,
    "articleId" TEXT,
    "confidence" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AutoAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AutoAnswer_inboundMessageId_key" ON "AutoAnswer"("inboundMessageId");

-- CreateIndex
CREATE INDEX "AutoAnswer_state_createdAt_idx" ON "AutoAnswer"("state", "createdAt");

-- CreateIndex
CREATE INDEX "AutoAnswer_conversationId_idx" ON "AutoAnswer"("conversationId");

-- AddForeignKey
ALTER TABLE "AutoAnswer" ADD CONSTRAINT "AutoAnswer_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutoAnswer" ADD CONSTRAINT "AutoAnswer_inboundMessageId_fkey" FOREIGN KEY ("inboundMessageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
