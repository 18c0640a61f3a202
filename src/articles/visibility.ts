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

/**
 * The published articles the viewer may see, as a SQL condition on `alias`: for anonymous clients
 * the public ones (as `visibleArticleSql`); in preview every article published or scheduled, but no
 * draft or archived one. For counts over publication dates, such as an entity's timeline.
 */
export function publishedArticleSql(visibility: Visibility, alias = 'a'): Prisma.Sql {
  if (!visibility.preview) return visibleArticleSql(visibility, alias);
  const table = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${table}."status" = 'PUBLISHED' AND ${table}."publishedAt" IS NOT NULL)`;
}
