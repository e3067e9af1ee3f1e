-- CreateEnum
CREATE TYPE "KnowledgeStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "KnowledgeSource" AS ENUM ('MANUAL', 'CSV', 'DOCUMENT', 'SHOP_POLICY', 'SUGGESTED');

-- CreateTable
CREATE TABLE "KnowledgeArticle" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "locale" TEXT NOT NULL DEFAULT 'en',
    "status" "KnowledgeStatus" NOT NULL DEFAULT 'DRAFT',
    "source" "KnowledgeSource" NOT NULL DEFAULT 'MANUAL',
    "sourceRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeArticle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeSection" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "heading" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "published" BOOLEAN NOT NULL DEFAULT false,
    "searchVector" tsvector,
    "embedding" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KnowledgeSection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KnowledgeArticle_shopId_status_updatedAt_idx" ON "KnowledgeArticle"("shopId", "status", "updatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeArticle_shopId_source_sourceRef_key" ON "KnowledgeArticle"("shopId", "source", "sourceRef");

-- CreateIndex
CREATE INDEX "KnowledgeSection_shopId_published_idx" ON "KnowledgeSection"("shopId", "published");

-- CreateIndex
CREATE INDEX "KnowledgeSection_searchVector_idx" ON "KnowledgeSection" USING GIN ("searchVector");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeSection_articleId_position_key" ON "KnowledgeSection"("articleId", "position");

-- AddForeignKey
ALTER TABLE "KnowledgeArticle" ADD CONSTRAINT "KnowledgeArticle_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeSection" ADD CONSTRAINT "KnowledgeSection_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeSection" ADD CONSTRAINT "KnowledgeSection_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "KnowledgeArticle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
