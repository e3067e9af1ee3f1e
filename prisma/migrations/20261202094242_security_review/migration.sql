-- CreateEnum
CREATE TYPE "SenderCheck" AS ENUM ('VERIFIED', 'UNKNOWN_ADDRESS', 'FAILED_AUTH');

-- CreateEnum
CREATE TYPE "ConsentSyncStatus" AS ENUM ('PENDING', 'DONE', 'SKIPPED', 'FAILED');

-- AlterTable
ALTER TABLE "CustomerIdentity" ADD COLUMN     "secretHash" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "senderCheck" "SenderCheck";

-- AlterTable
ALTER TABLE "WebhookReceipt" ADD COLUMN     "payloadPurgedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ShopifyConsentSync" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "shopifyCustomerId" BIGINT NOT NULL,
    "channel" "Channel" NOT NULL,
    "state" "ConsentState" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "ConsentSyncStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopifyConsentSync_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShopifyConsentSync_idempotencyKey_key" ON "ShopifyConsentSync"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ShopifyConsentSync_status_createdAt_idx" ON "ShopifyConsentSync"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ShopifyConsentSync_customerId_idx" ON "ShopifyConsentSync"("customerId");

-- CreateIndex
CREATE INDEX "WebhookReceipt_processedAt_idx" ON "WebhookReceipt"("processedAt");

-- AddForeignKey
ALTER TABLE "ShopifyConsentSync" ADD CONSTRAINT "ShopifyConsentSync_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tokens that authorise something were cuid v1 (timestamp, counter and host block shared with row
-- ids). Rotate every existing one to 244 random bits from PostgreSQL's CSPRNG, and new tokens come from
-- node:crypto (app/lib/secret-token.server.ts). Webhook URLs must be pasted into the providers again.
UPDATE "ChannelConnection" SET "webhookToken" = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
UPDATE "Conversation" SET "replyToken" = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
