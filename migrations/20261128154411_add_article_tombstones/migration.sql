-- CreateEnum
CREATE TYPE "TombstoneReason" AS ENUM ('DELETED', 'UNPUBLISHED');

-- CreateTable
CREATE TABLE "ArticleTombstone" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "reason" "TombstoneReason" NOT NULL,
    "wasPublic" BOOLEAN NOT NULL,
    "deletedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ArticleTombstone_deletedAt_id_idx" ON "ArticleTombstone"("deletedAt", "id");

-- CreateIndex
CREATE INDEX "ArticleTombstone_articleId_idx" ON "ArticleTombstone"("articleId");
