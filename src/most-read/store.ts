// The SQL of most read: hourly view counts per article, added to in batches, ranked on request.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { articleFilterSql } from '../articles/filter-sql.ts';
import type { ArticleFilter } from '../articles/query.ts';
import { visibleArticleWhere } from '../articles/visibility.ts';
import type { SectionTree } from '../sections/tree.ts';

/** Reads of one article in one clock hour, as a gateway counted them since its last flush. */
export type ViewBatchRow = { articleId: number; hour: Date; views: number };

/**
 * Adds a batch to the stored counts in one statement. Gateways add, never overwrite, so the counts
 * of several gateways sum up. Rows are written in key order, so two gateways flushing at once lock
 * rows in the same order and cannot deadlock; reads of articles deleted since are dropped.
 */
export function addViews(prisma: PrismaClient, rows: readonly ViewBatchRow[]): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO "ArticleViewCount" ("articleId", "hour", "views")
    SELECT v.article_id, v.hour::timestamptz, v.views
    FROM unnest(
      ${rows.map((row) => row.articleId)}::int[],
      ${rows.map((row) => row.hour.toISOString())}::text[],
      ${rows.map((row) => row.views)}::int[]
    ) AS v(article_id, hour, views)
    JOIN "Article" a ON a."id" = v.article_id
    ORDER BY v.article_id, v.hour
    ON CONFLICT ("articleId", "hour") DO UPDATE SET "views" = "ArticleViewCount"."views" + EXCLUDED."views"`;
}

/** Removes the counts of hours before `before`, which no window reaches any more. */
export function deleteViewsBefore(prisma: PrismaClient, before: Date): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "ArticleViewCount" WHERE "hour" < ${before}`;
}

/** Which of `ids` are public articles at `now`. */
export async function publicArticleIds(prisma: PrismaClient, ids: readonly number[], now: Date): Promise<Set<number>> {
  const rows = await prisma.article.findMany({
    where: { id: { in: [...ids] }, ...visibleArticleWhere({ now, preview: false }) },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

export type RankingScope = {
  /** Counts of hours from this one on. */
  since: Date;
  now: Date;
  /** Only articles filed in these sections (as primary or further section), with the tree to expand them. */
  sections?: { ids: number[]; tree: SectionTree };
};

/** Public articles only, whoever asks: the list is what readers read. */
function rankedWhere(scope: RankingScope): Prisma.Sql {
  const filter: ArticleFilter = scope.sections ? { sectionIds: scope.sections.ids, includeSubsections: true } : {};
  return Prisma.sql`v."hour" >= ${scope.since}
    AND ${articleFilterSql(filter, { now: scope.now, preview: false }, scope.sections?.tree, 'a')}`;
}

/** The ids of the most read public articles in scope, most read first (ties: the newer id first). */
export async function mostReadArticleIds(
  prisma: PrismaClient,
  scope: RankingScope,
  limit: number,
): Promise<{ id: number; views: number }[]> {
  const rows = await prisma.$queryRaw<{ id: number; views: bigint | number }[]>`
    SELECT v."articleId" AS id, sum(v."views") AS views
    FROM "ArticleViewCount" v JOIN "Article" a ON a."id" = v."articleId"
    WHERE ${rankedWhere(scope)}
    GROUP BY v."articleId"
    ORDER BY views DESC, v."articleId" DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({ id: row.id, views: Number(row.views) }));
}

/** How many public articles in scope were read at all. */
export async function countReadArticles(prisma: PrismaClient, scope: RankingScope): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: bigint | number }[]>`
    SELECT count(DISTINCT v."articleId") AS count
    FROM "ArticleViewCount" v JOIN "Article" a ON a."id" = v."articleId"
    WHERE ${rankedWhere(scope)}`;
  return Number(row?.count ?? 0);
}
