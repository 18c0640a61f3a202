-- CreateEnum
CREATE TYPE "CorrectionKind" AS ENUM ('CORRECTION', 'CLARIFICATION');

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "lastSubstantiveUpdateAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ArticleCorrection" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "kind" "CorrectionKind" NOT NULL,
    "text" TEXT NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleViewCount" (
    "articleId" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "views" INTEGER NOT NULL,

    CONSTRAINT "ArticleViewCount_pkey" PRIMARY KEY ("articleId","hour")
);

-- CreateIndex
CREATE INDEX "ArticleCorrection_articleId_addedAt_id_idx" ON "ArticleCorrection"("articleId", "addedAt", "id");

-- CreateIndex
CREATE INDEX "ArticleViewCount_hour_idx" ON "ArticleViewCount"("hour");

-- AddForeignKey
ALTER TABLE "ArticleCorrection" ADD CONSTRAINT "ArticleCorrection_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleViewCount" ADD CONSTRAINT "ArticleViewCount_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
