-- CreateEnum
CREATE TYPE "CsatSurveyState" AS ENUM ('PENDING', 'SENT', 'ANSWERED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "FlowTriggerState" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "CsatSurvey" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "state" "CsatSurveyState" NOT NULL DEFAULT 'PENDING',
    "skipReason" TEXT,
    "token" TEXT NOT NULL,
    "sentMessageId" TEXT,
    "score" INTEGER,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "CsatSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowTriggerEvent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "FlowTriggerState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "FlowTriggerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CsatSurvey_conversationId_key" ON "CsatSurvey"("conversationId");

-- CreateIndex
CREATE UNIQUE INDEX "CsatSurvey_token_key" ON "CsatSurvey"("token");

-- CreateIndex
CREATE INDEX "CsatSurvey_shopId_answeredAt_idx" ON "CsatSurvey"("shopId", "answeredAt");

-- CreateIndex
CREATE INDEX "CsatSurvey_customerId_idx" ON "CsatSurvey"("customerId");

-- CreateIndex
CREATE INDEX "CsatSurvey_state_createdAt_idx" ON "CsatSurvey"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerEvent_idempotencyKey_key" ON "FlowTriggerEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_state_createdAt_idx" ON "FlowTriggerEvent"("state", "createdAt");

-- CreateIndex
CREATE INDEX "FlowTriggerEvent_shopId_createdAt_idx" ON "FlowTriggerEvent"("shopId", "createdAt");

-- AddForeignKey
ALTER TABLE "CsatSurvey" ADD CONSTRAINT "CsatSurvey_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CsatSurvey" ADD CONSTRAINT "CsatSurvey_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowTriggerEvent" ADD CONSTRAINT "FlowTriggerEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
