// The public-visibility rule, in its one home: anonymous clients see only published articles whose
// publication time has come; readers and above (preview) see every article, drafts and scheduled
// ones included. Here as a Prisma filter, as SQL for hand-written statements, and for one row.
import { type Article, Prisma } from '../../generated/prisma/client.ts';

export type Visibility = { now: Date; preview: boolean };

/** The rule as a Prisma filter on articles. */
export function visibleArticleWhere({ now, preview }: Visibility): Prisma.ArticleWhereInput {
  return preview ? {} : { status: 'PUBLISHED', publishedAt: { lte: now } };
}

/**
 * Articles published with a publication time still to come: the clock, not a write, makes them
 * public (the response cache is purged then).
 */
export function scheduledArticleWhere(now: Date): Prisma.ArticleWhereInput {
  return { status: 'PUBLISHED', publishedAt: { gt: now } };
}

/** The rule as a SQL condition on the article table aliased `alias`. */
export function visibleArticleSql({ now, preview }: Visibility, alias = 'a'): Prisma.Sql {
  const table = Prisma.raw(`"${alias}"`);
  return preview
    ? Prisma.sql`TRUE`
    : Prisma.sql`(${table}."status" = 'PUBLISHED' AND ${table}."publishedAt" <= ${now})`;
}

/** Whether one article, as stored, is public at `now`. */
export function isPublicArticle(article: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return article.status === 'PUBLISHED' && !!article.publishedAt && article.publishedAt <= now;
}
