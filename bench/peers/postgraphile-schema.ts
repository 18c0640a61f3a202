// What a PostGraphile user adds to Lede's tables for these pages (Lede never reads any of it):
// a view of the articles anonymous readers may see and one of an organization's articles, with
// smart tags in bench/peers/postgraphile.mjs (primary key, unique slug, foreign keys, non-null
// keyset columns), so every list is a real connection with keyset cursors; and SQL functions only
// for what no table can express: related articles, search and its rank.
import { relatedIdsSql } from './p0-sql.ts';

export const POSTGRAPHILE_SCHEMA = [
  // What earlier versions of this peer created, so a reused database ends up with the same schema.
  'DROP FUNCTION IF EXISTS "Article_related"("Article", int)',
  'DROP FUNCTION IF EXISTS "Section_articlesInTree"("Section")',
  'DROP FUNCTION IF EXISTS "Organization_latestArticles"("Organization")',
  'DROP FUNCTION IF EXISTS "search_articles"(text)',
  'DROP FUNCTION IF EXISTS "Article_searchRank"("Article", text)',
  'DROP FUNCTION IF EXISTS "section_tree_ids"(text)',
  // Lede's public-visibility rule (src/articles/visibility.ts). A simple view: PostgreSQL inlines
  // it, so its queries use the Article table's indexes.
  `CREATE OR REPLACE VIEW "PublicArticle" AS
     SELECT * FROM "Article" WHERE "status" = 'PUBLISHED' AND "publishedAt" <= now()`,
  // An organization's articles (smart tags in postgraphile.mjs make it a relation of Organization).
  `CREATE OR REPLACE VIEW "OrganizationArticle" AS
     SELECT m."organizationId", a.* FROM "OrganizationMention" m JOIN "PublicArticle" a ON a."id" = m."articleId"`,
  `CREATE OR REPLACE FUNCTION "PublicArticle_related"(article "PublicArticle", n int) RETURNS SETOF "PublicArticle"
     LANGUAGE sql STABLE AS $$
     SELECT o.* FROM (${relatedIdsSql('($1)."id"', '$2')}) r JOIN "PublicArticle" o ON o."id" = r.id ORDER BY r.position
   $$`,
  `CREATE OR REPLACE FUNCTION "search_articles"(q text) RETURNS SETOF "PublicArticle" LANGUAGE sql STABLE AS $$
     SELECT a.* FROM "PublicArticle" a
     WHERE a."searchVector" @@ websearch_to_tsquery('english', q)
     ORDER BY ts_rank_cd(a."searchVector", websearch_to_tsquery('english', q), 32) DESC, a."id" DESC
   $$`,
  `CREATE OR REPLACE FUNCTION "PublicArticle_searchRank"(a "PublicArticle", q text) RETURNS float4
     LANGUAGE sql STABLE AS $$
     SELECT ts_rank_cd(a."searchVector", websearch_to_tsquery('english', q), 32)
   $$`,
];
