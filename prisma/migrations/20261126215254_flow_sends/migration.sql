-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "flowId" TEXT,
ADD COLUMN     "flowRunId" TEXT,
ADD COLUMN     "sendAttemptedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "attributedFlowId" TEXT;

-- CreateIndex
CREATE INDEX "Message_flowId_createdAt_idx" ON "Message"("flowId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Message_customerId_channel_direction_createdAt_idx" ON "Message"("customerId", "channel", "direction", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Order_attributedFlowId_processedAt_idx" ON "Order"("attributedFlowId", "processedAt" DESC);
