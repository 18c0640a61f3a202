import { formatPrismaCursor, parsePrismaCursor, queryFromInfo } from '@pothos/plugin-prisma';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import type { Article as ArticleRow } from '../../generated/prisma/client.ts';
import { builder, DEFAULT_PAGE_SIZE } from '../builder.ts';
import type { Context } from '../context.ts';
import {
  articleFieldsOf,
  articleSelect,
  countSearchHits,
  MAX_SEARCH_QUERY_LENGTH,
  MAX_SEARCH_WORDS,
  normalizeSearchQuery,
  type SearchFields,
  type SearchHit,
  type SearchOrder,
  searchArticles,
  searchWords,
} from '../search/article-search.ts';
import { type Highlight, highlightToHtml } from '../search/highlight.ts';
import { plannedOnce } from '../shared/field-memo.ts';
import { Article } from './article.ts';
import { ArticleFilterInput, decodeArticleFilter } from './article-filter.ts';
import { selectedFieldNames, withConnectionNodesWritten } from './selection.ts';

export const searchQueryText = z
  .string()
  .max(MAX_SEARCH_QUERY_LENGTH, `must be at most ${MAX_SEARCH_QUERY_LENGTH} characters`)
  .refine((query) => normalizeSearchQuery(query) !== '', 'must contain a word to search for')
  .refine(
    (query) => searchWords(query).length <= MAX_SEARCH_WORDS,
    `must have at most ${MAX_SEARCH_WORDS} words (OR and quotes do not count)`,
  );

const SearchOrderEnum = builder.enumType('SearchOrder', {
  description: 'How search hits are sorted.',
  values: {
    RELEVANCE: {
      description: 'Best match first (the default): headline matches weigh most, then standfirst, then body.',
    },
    NEWEST: { description: 'Most recently published first.' },
  } as const,
});

const TextRange = builder.objectRef<{ start: number; end: number }>('TextRange').implement({
  description: 'A stretch of a text: offsets in UTF-16 code units (JavaScript string indices), end exclusive.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character.' }),
    end: t.exposeInt('end', { description: 'Offset just after the last character.' }),
  }),
});

const Highlighted = builder.objectRef<Highlight>('HighlightedText').implement({
  description: 'A text with the words that matched a search marked: as safe HTML, or as plain text with match offsets.',
  fields: (t) => ({
    html: t.string({
      description: 'The text as HTML: every character escaped, each matched word inside `<mark>…</mark>`.',
      resolve: (highlight) => highlightToHtml(highlight),
    }),
    text: t.exposeString('text', { description: 'The text as plain text, whitespace collapsed.' }),
    matches: t.field({
      type: [TextRange],
      description: 'Where the matched words are in `text`, in order.',
      resolve: (highlight) => highlight.matches,
    }),
  }),
});

type SearchEdgeShape = SearchHit & { cursor: string; node: ArticleRow };

/** A hit as an edge; its cursor is encoded only when a client asks for it. */
class SearchEdge implements SearchEdgeShape {
  readonly articleId;
  readonly rank;
  readonly headline;
  readonly snippet;
  readonly article;
  private encoded: string | undefined;

  constructor(hit: SearchHit) {
    this.articleId = hit.articleId;
    this.rank = hit.rank;
    this.headline = hit.headline;
    this.snippet = hit.snippet;
    this.article = hit.article;
  }

  get node(): ArticleRow {
    return this.article as ArticleRow;
  }

  get cursor(): string {
    this.encoded ??= formatPrismaCursor({ id: this.articleId }, 'id');
    return this.encoded;
  }
}

/** Asks the search for what the operation selects of each hit and its article, and no more. */
function searchFields(context: Context, info: GraphQLResolveInfo): SearchFields {
  const edge = selectedFieldNames(info, ['edges']);
  // The articles are asked for as `edges { node }`, as `nodes`, or both.
  const node =
    edge.has('node') || selectedFieldNames(info).has('nodes')
      ? articleFieldsOf(queryFromInfo({ context, info, paths: [['edges', 'node'], ['nodes']] }))
      : { columns: [], relations: {} };
  // A written hit's row carries only its id beside its response text.
  const select = { select: articleSelect(node) };
  const written = withConnectionNodesWritten(select, info, ['id']);
  return {
    rank: edge.has('rank'),
    headline: edge.has('headline'),
    snippet: edge.has('snippet'),
    ...node,
    ...(written !== select && { written: written.select }),
  };
}

/** A hit's rank or highlight, which the search computed because the operation selected it. */
function computed<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`The search did not compute ${field} though it was selected`);
  return value;
}

const SearchConnection = builder.connectionObject(
  {
    type: Article,
    name: 'SearchConnection',
    description: 'A page of search hits.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Number of hits in the whole search, not just this page. Counted only when selected.',
        resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
      }),
    }),
  },
  {
    name: 'SearchEdge',
    description: 'An article that matches a search, with how well and where.',
    fields: (t) => ({
      rank: t.float({
        description:
          'How well the article matches, from 0 to 1; higher is better. Comparable only between hits of one search.',
        resolve: (edge) => computed((edge as unknown as SearchEdgeShape).rank, 'rank'),
      }),
      headline: t.field({
        type: Highlighted,
        description: "The article's headline with the matched words marked.",
        resolve: (edge) => computed((edge as unknown as SearchEdgeShape).headline, 'headline'),
      }),
      snippet: t.field({
        type: Highlighted,
        description:
          'Up to two short passages of the standfirst and body around the matches (joined by " … "), matched words marked; the start of the text when only the headline matched.',
        resolve: (edge) => computed((edge as unknown as SearchEdgeShape).snippet, 'snippet'),
      }),
    }),
  },
);

const FORWARD_ONLY = 'Search pages go forward only: use `first` and `after`.';

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    description: `Full-text search over headlines, standfirsts and bodies (English stemming: "deported" finds "deportation"). Write words to find all of them, "a phrase" in quotes, -word to exclude, or OR between alternatives. Only visible articles are searched; pages go forward only (\`first\`/\`after\`).`,
    args: {
      query: t.arg.string({
        required: true,
        description: `What to search for, 1 to ${MAX_SEARCH_QUERY_LENGTH} characters and at most ${MAX_SEARCH_WORDS} words, in web-search syntax: words, "exact phrase", -excluded, OR.`,
        validate: searchQueryText,
      }),
      filter: t.arg({ type: ArticleFilterInput, description: 'Only articles that also match this filter.' }),
      orderBy: t.arg({
        type: SearchOrderEnum,
        defaultValue: 'RELEVANCE',
        description: 'Sort order. Default RELEVANCE.',
      }),
      ...t.arg.connectionArgs(),
      last: t.arg.int({
        description: 'Not supported: search pages go forward only, and any value is refused.',
        deprecationReason: 'Search pages go forward only; use `first`.',
      }),
      before: t.arg.string({
        description: 'Not supported: search pages go forward only, and any value is refused.',
        deprecationReason: 'Search pages go forward only; use `after`.',
      }),
    },
    resolve: async (_root, args, context, info) => {
      if (args.last != null || args.before != null) {
        throw new GraphQLError(FORWARD_ONLY, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const filter = decodeArticleFilter(args.filter);
      const scope = {
        query: normalizeSearchQuery(args.query),
        filter,
        // The section tree costs a statement; only a section filter needs it.
        sections: filter.sectionIds ? await context.loaders.sectionTree() : undefined,
      };
      const first = args.first ?? DEFAULT_PAGE_SIZE;
      const afterId = args.after ? Number(parsePrismaCursor(args.after)) : undefined;
      const { hits, hasNextPage } =
        first === 0
          ? { hits: [], hasNextPage: false }
          : await searchArticles(context, {
              ...scope,
              order: (args.orderBy ?? 'RELEVANCE') as SearchOrder,
              first,
              afterId,
              // What the operation selects depends on the document alone: worked out once per document.
              fields: await plannedOnce(info, 'searchFields', async () => searchFields(context, info)),
            });
      const edges = hits.map((hit) => new SearchEdge(hit));
      return {
        edges,
        pageInfo: {
          hasNextPage,
          hasPreviousPage: afterId !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: () => countSearchHits(context, scope),
      };
    },
  }),
}));
