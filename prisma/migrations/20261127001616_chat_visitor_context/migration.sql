-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "visitorPage" JSONB,
ADD COLUMN     "visitorPageAt" TIMESTAMP(3),
ADD COLUMN     "visitorReplyEmail" TEXT;
