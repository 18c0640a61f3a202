-- CreateTable
CREATE TABLE "Collection" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "sectionId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionRevision" (
    "id" SERIAL NOT NULL,
    "collectionId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "title" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "backfill" JSONB NOT NULL,
    "items" JSONB NOT NULL DEFAULT '[]',
    "changed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CollectionRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Collection_slug_key" ON "Collection"("slug");

-- CreateIndex
CREATE INDEX "Collection_sectionId_slug_idx" ON "Collection"("sectionId", "slug");

-- CreateIndex
CREATE INDEX "CollectionRevision_collectionId_effectiveAt_id_idx" ON "CollectionRevision"("collectionId", "effectiveAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Collection" ADD CONSTRAINT "Collection_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionRevision" ADD CONSTRAINT "CollectionRevision_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
