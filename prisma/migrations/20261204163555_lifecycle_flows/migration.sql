-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "FlowKind" ADD VALUE 'WELCOME_SERIES';
ALTER TYPE "FlowKind" ADD VALUE 'BROWSE_ABANDONMENT';
ALTER TYPE "FlowKind" ADD VALUE 'CROSS_SELL';
ALTER TYPE "FlowKind" ADD VALUE 'REPLENISHMENT';
ALTER TYPE "FlowKind" ADD VALUE 'WIN_BACK';
ALTER TYPE "FlowKind" ADD VALUE 'LOCATION_PROMOTION';

-- CreateTable
CREATE TABLE "FlowRunDiscount" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "shopifyDiscountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowRunDiscount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowRunDiscount_runId_key" ON "FlowRunDiscount"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "FlowRunDiscount_shopId_code_key" ON "FlowRunDiscount"("shopId", "code");

-- AddForeignKey
ALTER TABLE "FlowRunDiscount" ADD CONSTRAINT "FlowRunDiscount_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowRunDiscount" ADD CONSTRAINT "FlowRunDiscount_runId_fkey" FOREIGN KEY ("runId") REFERENCES "FlowRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
