import { Prisma } from '../../generated/prisma/client.ts';
import { articleFilterSql } from '../articles/filter-sql.ts';
import type { ArticleFilter } from '../articles/query.ts';
import type { ArticleReader } from '../articles/read-store.ts';
import type { Visibility } from '../articles/visibility.ts';
import type { SectionTree } from '../sections/tree.ts';

export const MAX_FACET_LIMIT = 50;

export type FacetCount = { id: number; count: number };
export type MonthCount = { month: string; count: number };

/** The articles being faceted: those the reader sees that pass `filter`, and match `query` when there is one. */
export type FacetScope = { filter: ArticleFilter; sections: SectionTree; query?: string };

const matched = (visibility: Visibility, { filter, sections, query }: FacetScope) => {
  const where = articleFilterSql(filter, visibility, sections);
  return query === undefined
    ? Prisma.sql`SELECT a."id", a."sectionId", a."publishedAt" FROM "Article" a WHERE ${where}`
    : Prisma.sql`SELECT a."id", a."sectionId", a."publishedAt" FROM "Article" a
        WHERE a."searchVector" @@ websearch_to_tsquery('english', ${query}) AND ${where}`;
};

const counts = (rows: { id: number; count: bigint | number }[]) =>
  rows.map((row) => ({ id: row.id, count: Number(row.count) }));

/** Sections the articles are filed in, primary or further (not rolled up to parents). */
export async function sectionFacet(reader: ArticleReader, scope: FacetScope, limit: number): Promise<FacetCount[]> {
  return counts(
    await reader.prisma.$queryRaw`
      WITH matched AS (${matched(reader, scope)}),
      placement AS (
        SELECT m."id" AS article_id, m."sectionId" AS section_id FROM matched m
        UNION
        SELECT x."articleId", x."sectionId" FROM "ArticleSection" x JOIN matched m ON m."id" = x."articleId"
      )
      SELECT s."id", count(*) AS count
      FROM placement p JOIN "Section" s ON s."id" = p.section_id
      GROUP BY s."id", s."name"
      ORDER BY count DESC, s."name", s."id"
      LIMIT ${limit}`,
  );
}

/** People mentioned in the articles (kind "mention") or credited on them (kind "byline"). */
export async function personFacet(
  reader: ArticleReader,
  scope: FacetScope,
  kind: 'mention' | 'byline',
  limit: number,
): Promise<FacetCount[]> {
  const links = kind === 'mention' ? Prisma.sql`"PersonMention"` : Prisma.sql`"Byline"`;
  return counts(
    await reader.prisma.$queryRaw`
      WITH matched AS (${matched(reader, scope)})
      SELECT p."id", count(DISTINCT l."articleId") AS count
      FROM ${links} l JOIN matched m ON m."id" = l."articleId" JOIN "Person" p ON p."id" = l."personId"
      GROUP BY p."id", p."name"
      ORDER BY count DESC, p."name", p."id"
      LIMIT ${limit}`,
  );
}

/** Organizations mentioned in the articles. */
export async function organizationFacet(
  reader: ArticleReader,
  scope: FacetScope,
  limit: number,
): Promise<FacetCount[]> {
  return counts(
    await reader.prisma.$queryRaw`
      WITH matched AS (${matched(reader, scope)})
      SELECT o."id", count(*) AS count
      FROM "OrganizationMention" l JOIN matched m ON m."id" = l."articleId" JOIN "Organization" o ON o."id" = l."organizationId"
      GROUP BY o."id", o."name"
      ORDER BY count DESC, o."name", o."id"
      LIMIT ${limit}`,
  );
}

/** Months of publication (UTC, "YYYY-MM"); unscheduled drafts have none and are left out. */
export async function monthFacet(reader: ArticleReader, scope: FacetScope, limit: number): Promise<MonthCount[]> {
  const rows = await reader.prisma.$queryRaw<{ month: string; count: bigint | number }[]>`
    WITH matched AS (${matched(reader, scope)})
    SELECT to_char(m."publishedAt" AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*) AS count
    FROM matched m WHERE m."publishedAt" IS NOT NULL
    GROUP BY 1
    ORDER BY count DESC, month DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({ month: row.month, count: Number(row.count) }));
}
