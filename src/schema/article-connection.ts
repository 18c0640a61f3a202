import { getRefFromModel, queryFromInfo } from '@pothos/plugin-prisma';
import { parseCursorConnectionArgs } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import type { Article, Prisma } from '../../generated/prisma/client.ts';
import { type ArticlePosition, articlePosition, articlePositionSelect } from '../articles/keyset.ts';
import type { ArticleOrder } from '../articles/query.ts';
import {
  type ArticlePageRequest,
  type ArticleSelection,
  countArticles,
  findArticlePage,
  findArticleSortRow,
  fixedArticleSelection,
} from '../articles/read-store.ts';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../builder.ts';
import type { Context } from '../context.ts';
import { fieldMemo } from '../shared/field-memo.ts';
import { decodeArticleCursor, decodeIdCursor, encodeArticleCursor } from './cursor.ts';
import { invalidArgument } from './global-id.ts';
import { selectedFieldNames, withConnectionNodesWritten } from './selection.ts';

export type ArticleConnectionArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  orderBy?: string | null;
};

/** A page of a list of articles, with its count loaded only when `totalCount` is selected. */
export type ArticleConnectionShape = {
  edges: { cursor: string; node: Article }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
  totalCount: () => Promise<number>;
};

/** The Article type, for lists of articles defined before or beside it. */
export const ArticleRef = getRefFromModel('Article', builder);

/**
 * The one type of every list of articles (the front page, a section, a person's or an
 * organization's articles), so that a client's list fragment fits all of them.
 */
export const ArticleConnection = builder.connectionObject(
  {
    type: ArticleRef,
    name: 'ArticleConnection',
    description:
      "A page of articles. Every list of articles has this type (the front page, a section's, a person's, an organization's), so one fragment fits them all.",
    fields: (t) => ({
      totalCount: t.int({
        description: 'Number of items in the whole connection, not just this page. Counted only when selected.',
        resolve: (connection) => (connection as unknown as ArticleConnectionShape).totalCount(),
      }),
    }),
  },
  { name: 'ArticleEdge', description: 'An article in a page of articles, with its cursor.' },
);

/**
 * One page of the articles matching `where`, in `args.orderBy`, by keyset: the cursors hold the
 * article's position in the order, so a page far down the list is read through the index like the
 * first one, and a cursor whose article has since gone still continues from where it was.
 */
export async function resolveArticleConnection(
  args: ArticleConnectionArgs,
  context: Context,
  info: GraphQLResolveInfo,
  where: Prisma.ArticleWhereInput,
): Promise<ArticleConnectionShape> {
  const page = await planArticlePage(args, context, info);
  const rows = page.onlyCount ? [] : await findArticlePage(context, articlePageRequest(page, where));
  return articleConnection(page, rows, context, where);
}

/** A page of articles as its connection's arguments and selection ask for it, before it is read. */
export type PlannedArticlePage = PagePlan & {
  order: ArticleOrder;
  after: ArticlePosition | undefined;
  before: ArticlePosition | undefined;
  connection: ReturnType<typeof parseCursorConnectionArgs>;
};

/** The page `args` ask for, with the position of each cursor. */
export async function planArticlePage(
  args: ArticleConnectionArgs,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<PlannedArticlePage> {
  const order = (args.orderBy ?? 'NEWEST_FIRST') as ArticleOrder;
  const [after, before] = await Promise.all([
    cursorPosition('after', args.after, order, context),
    cursorPosition('before', args.before, order, context),
  ]);
  const { onlyCount, query } = await planPage(order, context, info);
  const connection = parseCursorConnectionArgs({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE });
  return { onlyCount, query, order, after, before, connection };
}

/**
 * `planArticlePage` for a caller that may send no statement: undefined when a cursor from before
 * keyset pagination needs one to be placed.
 */
export function planArticlePageWithoutLookups(
  args: ArticleConnectionArgs,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<PlannedArticlePage> | undefined {
  if (needsLookup(args.after) || needsLookup(args.before)) return undefined;
  return planArticlePage(args, context, info);
}

/** What the page's statement reads, for the articles matching `where`. */
export function articlePageRequest(page: PlannedArticlePage, where: Prisma.ArticleWhereInput): ArticlePageRequest {
  const { order, after, before, connection } = page;
  return { selection: page.query, where, order, after, before, take: connection.limit, inverted: connection.inverted };
}

/** The connection of a page read as `articlePageRequest` asked (`rows`); its count is of `where`. */
export function articleConnection(
  page: PlannedArticlePage,
  rows: Article[],
  context: Context,
  where: Prisma.ArticleWhereInput,
): ArticleConnectionShape {
  const { expectedSize, inverted, hasPreviousPage, hasNextPage } = page.connection;
  const shown = rows.slice(0, expectedSize);
  if (inverted) shown.reverse();
  const edges = shown.map((row) => new ArticleEdge(row, page.order));
  return {
    edges,
    pageInfo: new ArticlePageInfo(edges, hasPreviousPage(rows.length), hasNextPage(rows.length)),
    totalCount: () => countArticles(context, where),
  };
}

type PagePlan = { onlyCount: boolean; query: ArticleSelection };

/**
 * What the page's statement selects: Pothos's selection for the connection's nodes, or nothing
 * when only `totalCount` is asked for. Worked out once per field of a document that direct
 * execution runs (kept in the field's memo, by order), since there it depends on nothing else:
 * Lede's Prisma fields select fixed columns and relations, never by a function of the viewer or
 * the clock (tests/direct-execution.test.ts holds the schema to that). Under graphql-js it is
 * worked out per request, as Pothos also records there what the rows' relation fields read.
 */
async function planPage(order: ArticleOrder, context: Context, info: GraphQLResolveInfo): Promise<PagePlan> {
  const memo = fieldMemo(info);
  const planned = memo?.get(order) as PagePlan | undefined;
  if (planned) return planned;
  const onlyCount = selectsOnlyTotalCount(info);
  const query: ArticleSelection = onlyCount
    ? {}
    : await queryFromInfo({
        context,
        info,
        typeName: 'Article',
        paths: [['edges', 'node'], ['nodes']],
        select: articlePositionSelect(order),
        awaitSelections: true,
      });
  // Beside its response text, a written row carries only its position, for the cursors.
  const fixed =
    memo && fixedArticleSelection(withConnectionNodesWritten(query, info, Object.keys(articlePositionSelect(order))));
  if (!memo || !fixed) return { onlyCount, query };
  const plan = { onlyCount, query: fixed };
  memo.set(order, plan);
  return plan;
}

/** An edge of a page of articles; its cursor is encoded only when a client asks for it. */
class ArticleEdge {
  private encoded: string | undefined;

  constructor(
    readonly node: Article,
    private readonly order: ArticleOrder,
  ) {}

  get cursor(): string {
    this.encoded ??= encodeArticleCursor(articlePosition(this.order, this.node));
    return this.encoded;
  }
}

/** Relay's page info; on an empty page its cursors are null (Relay's cursors name edges). */
class ArticlePageInfo {
  constructor(
    private readonly edges: ArticleEdge[],
    readonly hasPreviousPage: boolean,
    readonly hasNextPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/** Whether a cursor names only an article id (see cursorPosition), so placing it costs a statement. */
function needsLookup(cursor: string | null | undefined): boolean {
  return cursor != null && decodeArticleCursor(cursor) === undefined;
}

async function cursorPosition(
  argument: 'after' | 'before',
  cursor: string | null | undefined,
  order: ArticleOrder,
  context: Context,
): Promise<ArticlePosition | undefined> {
  if (cursor == null) return undefined;
  const position = decodeArticleCursor(cursor);
  if (position) {
    if (position.order !== order) {
      throw invalidArgument(
        argument,
        `the cursor is from a list in ${position.order} order, but this one is in ${order} order; pass the same \`orderBy\` as for the page it came from, or start again without a cursor`,
      );
    }
    return position;
  }
  // A cursor issued before keyset pagination names only an article id: its position is looked up.
  const id = decodeIdCursor(cursor);
  const row = id === undefined ? null : await findArticleSortRow(context, id, order);
  if (!row) {
    throw invalidArgument(
      argument,
      'the cursor is from an earlier version of this API and its article is no longer listed; start again without a cursor',
    );
  }
  return articlePosition(order, row);
}

/** Whether the connection field asks for nothing but its count, so no page need be read. */
function selectsOnlyTotalCount(info: GraphQLResolveInfo): boolean {
  return [...selectedFieldNames(info)].every((name) => name === 'totalCount' || name === '__typename');
}
