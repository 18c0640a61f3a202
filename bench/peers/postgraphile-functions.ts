// What a PostGraphile user adds for the parts of these pages that plain tables cannot express:
// computed columns and a search function (PostGraphile exposes them as fields). Lede never reads them.
import { relatedIdsSql } from './p0-sql.ts';

const visible = (a: string) => `${a}."status" = 'PUBLISHED' AND ${a}."publishedAt" <= now()`;

export const POSTGRAPHILE_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION "Article_related"(article "Article", n int) RETURNS SETOF "Article" LANGUAGE sql STABLE AS $$
     SELECT o.* FROM (${relatedIdsSql('($1)."id"', '$2')}) r JOIN "Article" o ON o."id" = r.id ORDER BY r.position
   $$`,
  `CREATE OR REPLACE FUNCTION "Section_articlesInTree"(s "Section") RETURNS SETOF "Article" LANGUAGE sql STABLE AS $$
     WITH RECURSIVE tree AS (
       SELECT s."id" UNION ALL SELECT c."id" FROM "Section" c JOIN tree t ON c."parentId" = t."id"
     )
     SELECT a.* FROM "Article" a
     WHERE ${visible('a')}
       AND (a."sectionId" IN (SELECT "id" FROM tree)
         OR EXISTS (SELECT 1 FROM "ArticleSection" x WHERE x."articleId" = a."id" AND x."sectionId" IN (SELECT "id" FROM tree)))
     ORDER BY a."publishedAt" DESC, a."id" DESC
   $$`,
  `CREATE OR REPLACE FUNCTION "Organization_latestArticles"(o "Organization") RETURNS SETOF "Article" LANGUAGE sql STABLE AS $$
     SELECT a.* FROM "Article" a
     WHERE ${visible('a')} AND a."id" IN (SELECT m."articleId" FROM "OrganizationMention" m WHERE m."organizationId" = o."id")
     ORDER BY a."publishedAt" DESC, a."id" DESC
   $$`,
  `CREATE OR REPLACE FUNCTION "search_articles"(q text) RETURNS SETOF "Article" LANGUAGE sql STABLE AS $$
     SELECT a.* FROM "Article" a
     WHERE a."searchVector" @@ websearch_to_tsquery('english', q) AND ${visible('a')}
     ORDER BY ts_rank_cd(a."searchVector", websearch_to_tsquery('english', q), 32) DESC, a."id" DESC
   $$`,
  `CREATE OR REPLACE FUNCTION "Article_searchRank"(a "Article", q text) RETURNS float4 LANGUAGE sql STABLE AS $$
     SELECT ts_rank_cd(a."searchVector", websearch_to_tsquery('english', q), 32)
   $$`,
];
