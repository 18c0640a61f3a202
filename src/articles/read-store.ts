import type { Article, Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { fixedArguments, jsonFindFirst, jsonFindMany } from '../engine/json-find-many.ts';
import { type ArticlePosition, type ArticleSortRow, articlePositionSelect, articlesBeyond } from './keyset.ts';
import { type ArticleOrder, articleOrderBy } from './query.ts';
import { type Visibility, visibleArticleWhere } from './visibility.ts';

/** Who reads articles, and through which client: the request's context is one. */
export type ArticleReader = Db & Visibility;

/** What a GraphQL selection asks Prisma for (Pothos's `query`): columns and relations. */
export type ArticleSelection = { select?: Prisma.ArticleSelect; include?: Prisma.ArticleInclude };

/**
 * The visible article with this slug, current or former. Current slug first, then former slugs,
 * each through its unique index: one query with OR over both uses neither index and scans the
 * articles (a slug that matches nothing read them all).
 */
export async function findArticleBySlug(reader: ArticleReader, slug: string, selection: ArticleSelection = {}) {
  // One row through jsonFindMany: the article page selects the most of any query (body, bylines with
  // descriptions, mentions), which is where Prisma's own result mapping costs the most.
  const first = (where: Prisma.ArticleWhereInput) =>
    jsonFindFirst<Article>(reader.prisma, 'Article', { ...selection, where });
  const current = await first({ slug, ...visibleArticleWhere(reader) });
  if (current) return current;
  const redirect = await reader.prisma.articleSlugRedirect.findUnique({ where: { slug }, select: { articleId: true } });
  return redirect ? first({ id: redirect.articleId, ...visibleArticleWhere(reader) }) : null;
}

/** How many articles match `where`; the caller's `where` already holds the visibility rule. */
export function countArticles({ prisma }: Db, where: Prisma.ArticleWhereInput): Promise<number> {
  return prisma.article.count({ where });
}

/**
 * A frozen copy of a selection its caller sends with page after page (one planned per document),
 * so that its shape is read once; undefined when it holds anything but plain data.
 */
export function fixedArticleSelection(selection: ArticleSelection): ArticleSelection | undefined {
  return fixedArguments(selection);
}

export type ArticlePageRequest = {
  selection: ArticleSelection;
  /** Which articles: the caller's `where` already holds the visibility rule. */
  where: Prisma.ArticleWhereInput;
  order: ArticleOrder;
  after?: ArticlePosition;
  before?: ArticlePosition;
  take: number;
  /** Read from the other end of the order (for `last`). */
  inverted: boolean;
};

/**
 * One page of articles by keyset: those beyond `after` and short of `before` in `order`. The rows
 * hold what the selection asks for, as Prisma would return them.
 */
export function findArticlePage(reader: ArticleReader, page: ArticlePageRequest): Promise<Article[]> {
  return jsonFindMany<Article>(reader.prisma, 'Article', articlePageArgs(reader, page));
}

/** The `findMany` arguments of a page, for a statement that reads it beside other rows. */
export function articlePageArgs(reader: Pick<ArticleReader, 'preview'>, page: ArticlePageRequest) {
  // Anonymous readers never see an unscheduled draft, so their bounds can leave out NULL dates.
  const bounds = [
    ...(page.after ? [articlesBeyond(page.after, 'after', reader.preview)] : []),
    ...(page.before ? [articlesBeyond(page.before, 'before', reader.preview)] : []),
  ];
  return {
    ...page.selection,
    where: bounds.length ? { AND: [page.where, ...bounds] } : page.where,
    orderBy: articleOrderBy(page.order, page.inverted),
    take: page.take,
  };
}

/** The sort columns of a visible article, for a cursor that names only its id; null when it is not listed. */
export async function findArticleSortRow(
  reader: ArticleReader,
  id: number,
  order: ArticleOrder,
): Promise<ArticleSortRow | null> {
  const row = await reader.prisma.article.findFirst({
    where: { id, ...visibleArticleWhere(reader) },
    select: articlePositionSelect(order),
  });
  return row as ArticleSortRow | null;
}

/**
 * The article if the reader may see it at this moment. For events that outlive the request (a
 * subscription), so the clock is read now, not at the request's start.
 */
export function findArticleVisibleNow(
  { prisma, preview }: Db & Pick<Visibility, 'preview'>,
  id: number,
): Promise<Article | null> {
  return prisma.article.findFirst({ where: { id, ...visibleArticleWhere({ now: new Date(), preview }) } });
}

/** The articles with these ids that anyone may read now, in no particular order. */
export function findPublicArticlesByIds(
  { prisma }: Db,
  ids: readonly number[],
  now: Date,
  selection: ArticleSelection = {},
): Promise<Article[]> {
  if (!ids.length) return Promise.resolve([]);
  return jsonFindMany<Article>(prisma, 'Article', {
    ...selection,
    where: { id: { in: [...ids] }, ...visibleArticleWhere({ now, preview: false }) },
  });
}

/** One article by id, whatever its status: what a write returns to the editor who made it. */
export function findArticleById({ prisma }: Db, id: number): Promise<Article> {
  return prisma.article.findUniqueOrThrow({ where: { id } });
}
