-- Typo-tolerant name search. pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may
-- create it without being a superuser. PGlite loads it as a module (src/db/adapter.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Organization_name_trgm_idx" ON "Organization" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_name_trgm_idx" ON "Person" USING GIN ("name" gin_trgm_ops);
