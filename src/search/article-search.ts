import { type Article, Prisma } from '../../generated/prisma/client.ts';
import { articleFilterSql } from '../articles/filter-sql.ts';
import type { ArticleFilter } from '../articles/query.ts';
import type { ArticleReader } from '../articles/read-store.ts';
import { type Visibility, visibleArticleSql } from '../articles/visibility.ts';
import { jsonFindManyFrom } from '../engine/json-find-many.ts';
import type { SectionTree } from '../sections/tree.ts';
import { type Highlight, LESS_THAN, MATCH_END, MATCH_START, parseHighlight } from './highlight.ts';

/** Longest search query accepted, in characters: longer ones get a validation error. */
export const MAX_SEARCH_QUERY_LENGTH = 256;
/** Words a search may have: its statement reads the index once per word, so its time grows with them. */
export const MAX_SEARCH_WORDS = 10;

/** The words of a search in web-search syntax: `OR`, quotes and `-` join or mark words; they are not words. */
export function searchWords(query: string): string[] {
  return query.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '' && word !== 'OR');
}

export type SearchOrder = 'RELEVANCE' | 'NEWEST';

export type ArticleColumn = keyof typeof Prisma.ArticleScalarFieldEnum;
const ARTICLE_COLUMNS = Object.keys(Prisma.ArticleScalarFieldEnum) as ArticleColumn[];

/** What a search computes for each hit besides its article id; whatever is not asked for is not computed. */
export type SearchFields = {
  rank: boolean;
  headline: boolean;
  snippet: boolean;
  /** Columns of the hit's article to return. */
  columns: readonly ArticleColumn[];
  /** Relations of the hit's article to load, as a Prisma `select` (e.g. from Pothos's `queryFromInfo`). */
  relations?: Record<string, unknown>;
  /**
   * The articles' `select` for the one-statement search, when it differs from the columns and
   * relations: with parts PostgreSQL writes as response text (engine's `withWrittenResponses`).
   */
  written?: Record<string, unknown>;
};

export type SearchHit = {
  articleId: number;
  /** ts_rank_cd normalised to [0, 1): higher is better; comparable only within one search. Computed when asked for. */
  rank?: number;
  headline?: Highlight;
  snippet?: Highlight;
  /** The columns and relations asked for. */
  article: Partial<Article> & { id: number };
};

/**
 * Characters PostgreSQL text cannot hold (NUL) or that mean something to us (the highlight marks),
 * and other control characters, become spaces; what is left goes to websearch_to_tsquery, which
 * accepts any text: words, "quoted phrases", -excluded words and OR.
 */
export function normalizeSearchQuery(query: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return query.replace(/[\u0000-\u001f\u007f\uE000-\uE002]/g, ' ').trim();
}

/**
 * The article columns and relations a Prisma query for Article reads: the scalar fields of a
 * `select`, or every scalar field with the relations of an `include` (or of no query at all).
 */
export function articleFieldsOf(query: { select?: object; include?: object }): {
  columns: ArticleColumn[];
  relations: Record<string, unknown>;
} {
  const isColumn = (key: string): key is ArticleColumn => (ARTICLE_COLUMNS as string[]).includes(key);
  const entries = Object.entries(query.select ?? query.include ?? {}).filter(([, value]) => value);
  return {
    columns: query.select ? entries.map(([key]) => key).filter(isColumn) : ARTICLE_COLUMNS,
    relations: Object.fromEntries(entries.filter(([key]) => !isColumn(key))),
  };
}

const tsQuery = (query: string) => Prisma.sql`websearch_to_tsquery('english', ${query})`;
// Normalisation 32 maps the rank to rank / (rank + 1): same order, a bounded number.
const rankOf = (alias: string) => Prisma.sql`ts_rank_cd(${Prisma.raw(alias)}."searchVector", q.query, 32)`;
// Newest first as the articles list sorts it: unscheduled drafts (no date) first, as PostgreSQL's
// DESC puts NULL.
const sortKeyOf = (order: SearchOrder, alias: string) =>
  order === 'NEWEST'
    ? Prisma.sql`coalesce(${Prisma.raw(alias)}."publishedAt", 'infinity'::timestamptz)`
    : rankOf(alias);

// Drops our marks from the text and hides "<" from ts_headline's tag stripping.
const strip = (column: Prisma.Sql) =>
  Prisma.sql`translate(${column}, ${`<${MATCH_START}${MATCH_END}${LESS_THAN}`}, ${LESS_THAN})`;
const headlineOptions = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`;
const snippetOptions = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/** What is searched: the articles the reader sees that pass `filter` and match `query`. */
export type SearchScope = {
  /** Normalised (normalizeSearchQuery). */
  query: string;
  filter: ArticleFilter;
  /** The section tree; needed only when the filter names sections. */
  sections: SectionTree | undefined;
};

export type SearchPage = SearchScope & {
  order: SearchOrder;
  /** Page size: one hit more is looked for, to tell whether a next page exists. */
  first: number;
  afterId?: number;
  fields: SearchFields;
};

const scopeSql = (visibility: Visibility, { filter, sections }: SearchScope) =>
  articleFilterSql(filter, visibility, sections);

export type SearchOptions = {
  query: string;
  where: Prisma.Sql;
  /** Condition the cursor's article must meet (visibility), over alias `c`. */
  cursorWhere: Prisma.Sql;
  order: SearchOrder;
  /** Page size: one hit more is looked for, to tell whether a next page exists. */
  first: number;
  afterId?: number;
  fields: SearchFields;
};

/**
 * The hits with their articles' columns, for `searchArticlesByRows`: the search's WITH list
 * (searchHitsWith) and the page's rows joined to their articles only when a column is asked for.
 */
export function searchSql(options: SearchOptions): Prisma.Sql {
  const columns = options.fields.columns.filter((column) => column !== 'id');
  // The enum as text, as Prisma's own queries read it.
  const outputs = columns.map((column) =>
    Prisma.raw(column === 'status' ? `a."status"::text AS "status"` : `a."${column}"`),
  );
  return Prisma.sql`
    WITH ${searchHitsWith(options)}
    SELECT h."id", h."hitRank", h."hitHeadline", h."hitSnippet"${outputs.length ? Prisma.sql`, ${Prisma.join(outputs, ', ')}` : Prisma.empty}
    FROM hits h ${columns.length ? Prisma.sql`JOIN "Article" a ON a."id" = h."id"` : Prisma.empty}
    ORDER BY h."n"`;
}

/**
 * The search as a WITH list ending in `hits` ("id", "n", "onPage", "hitRank", "hitHeadline",
 * "hitSnippet"): the page's hits and the one past it, in order, with what is asked for computed
 * (NULL otherwise). No article column is read here; `searchArticles` reads the page's articles in
 * the same statement, through the JSON engine.
 */
export function searchHitsWith(options: SearchOptions): Prisma.Sql {
  const { query, where, cursorWhere, order, first, afterId, fields } = options;
  const key = sortKeyOf(order, 'a');
  const after =
    afterId === undefined
      ? Prisma.empty
      : Prisma.sql`AND (${key}, a."id") < (SELECT ${sortKeyOf(order, 'c')}, c."id" FROM "Article" c WHERE c."id" = ${afterId} AND ${cursorWhere})`;
  // Highlights are made for the page only, not for the extra hit that shows a next page exists.
  const onPage = (expression: Prisma.Sql) => Prisma.sql`CASE WHEN page."n" <= ${first} THEN ${expression} END`;
  const rank = !fields.rank ? Prisma.sql`NULL::real` : order === 'RELEVANCE' ? Prisma.sql`page."sortKey"` : rankOf('a');
  const headline = fields.headline
    ? onPage(Prisma.sql`ts_headline('english', ${strip(Prisma.sql`a."headline"`)}, q.query, ${headlineOptions})`)
    : Prisma.sql`NULL::text`;
  const snippet = fields.snippet
    ? onPage(
        Prisma.sql`ts_headline('english', ${strip(Prisma.sql`concat_ws(' ', a."standfirst", a."body")`)}, q.query, ${snippetOptions})`,
      )
    : Prisma.sql`NULL::text`;
  const readsArticle = fields.headline || fields.snippet || (fields.rank && order !== 'RELEVANCE');
  return Prisma.sql`q AS (SELECT ${tsQuery(query)} AS query),
    hits AS (
      SELECT page."id", page."n", page."n" <= ${first} AS "onPage", ${rank} AS "hitRank",
        ${headline} AS "hitHeadline", ${snippet} AS "hitSnippet"
      FROM (
        SELECT page.*, row_number() OVER (ORDER BY page."sortKey" DESC, page."id" DESC) AS "n"
        FROM (
          SELECT a."id", ${key} AS "sortKey"
          FROM "Article" a, q
          WHERE a."searchVector" @@ q.query AND ${where} ${after}
          ORDER BY "sortKey" DESC, a."id" DESC
          LIMIT ${first + 1}
        ) page
      ) page
      ${readsArticle ? Prisma.sql`JOIN "Article" a ON a."id" = page."id"` : Prisma.empty}, q
    )`;
}

/** Over `searchHitsWith`'s `hits`: each hit as [id, onPage, rank, headline, snippet], in order. */
const HITS = Prisma.sql`(SELECT coalesce(json_agg(json_build_array(h."id", h."onPage", h."hitRank", h."hitHeadline", h."hitSnippet") ORDER BY h."n"), '[]') FROM hits h)`;
/** Over `hits`: the ids of the page's articles (not the one past it). */
const PAGE_IDS = Prisma.sql`ARRAY(SELECT h."id" FROM hits h WHERE h."onPage")`;

type HitRow = [id: number, onPage: boolean, rank: number | null, headline: string | null, snippet: string | null];

/**
 * One page of hits, best (or newest) first, ties broken by article id. One statement finds the
 * hits and reads their articles' columns and relations as JSON (`jsonFindManyFrom`); when the
 * engine cannot compile that selection, or no article field is selected, `searchArticlesByRows`
 * answers instead.
 */
export async function searchArticles(
  reader: ArticleReader,
  search: SearchPage,
): Promise<{ hits: SearchHit[]; hasNextPage: boolean }> {
  const options = searchOptions(reader, search);
  const { columns, relations } = options.fields;
  // Without article fields there is no article to read: the hits' statement alone answers.
  const readsArticles = columns.some((column) => column !== 'id') || Object.keys(relations ?? {}).length > 0;
  if (!readsArticles) return hitsByRows(reader, options);
  const select = options.fields.written ?? articleSelect(options.fields);
  const found = await jsonFindManyFrom<Partial<Article> & { id: number }>(
    reader.prisma,
    'Article',
    { select },
    { with: searchHitsWith(options), ids: PAGE_IDS, beside: HITS },
  );
  if (!found) return hitsByRows(reader, options);
  const articles = new Map(found.rows.map((row) => [row.id, row]));
  const rows = found.beside as HitRow[];
  const hits: SearchHit[] = [];
  for (const [id, onPage, rank, headline, snippet] of rows) {
    const article = articles.get(id);
    // An article is missing only past the page: the statement reads the page's alone.
    if (!onPage || !article) continue;
    hits.push(hitOf(options.fields, article, rank, headline, snippet));
  }
  return { hits, hasNextPage: rows.length > options.first };
}

/** The `select` of the hits' articles: the columns and relations the operation asks for, and the id. */
export function articleSelect({ columns, relations }: Pick<SearchFields, 'columns' | 'relations'>) {
  return { ...Object.fromEntries(columns.map((column) => [column, true])), ...relations, id: true };
}

/**
 * `searchArticles` in one statement for the hits and their columns (see searchSql) and a second
 * for their relations, through Prisma: for selections the JSON engine does not compile.
 */
export function searchArticlesByRows(
  reader: ArticleReader,
  search: SearchPage,
): Promise<{ hits: SearchHit[]; hasNextPage: boolean }> {
  return hitsByRows(reader, searchOptions(reader, search));
}

function searchOptions(reader: ArticleReader, search: SearchPage): SearchOptions {
  return { ...search, where: scopeSql(reader, search), cursorWhere: visibleArticleSql(reader, 'c') };
}

/** A hit as the schema reads it; what the search did not compute stays undefined. */
function hitOf(
  fields: SearchFields,
  article: SearchHit['article'],
  rank: number | null,
  headline: string | null,
  snippet: string | null,
): SearchHit {
  return {
    articleId: article.id,
    rank: fields.rank ? Number(rank) : undefined,
    headline: fields.headline && headline !== null ? parseHighlight(headline) : undefined,
    snippet: fields.snippet && snippet !== null ? parseHighlight(snippet) : undefined,
    article,
  };
}

async function hitsByRows(
  { prisma }: ArticleReader,
  options: SearchOptions,
): Promise<{ hits: SearchHit[]; hasNextPage: boolean }> {
  const rows = await prisma.$queryRaw<
    ({ id: number; hitRank: number | null; hitHeadline: string | null; hitSnippet: string | null } & Partial<Article>)[]
  >(searchSql(options));
  const { fields } = options;
  const hits = rows
    .slice(0, options.first)
    .map(({ hitRank, hitHeadline, hitSnippet, ...article }) =>
      hitOf(fields, article, hitRank, hitHeadline, hitSnippet),
    );
  const { relations } = fields;
  if (hits.length && relations && Object.keys(relations).length) {
    const loaded = await prisma.article.findMany({
      where: { id: { in: hits.map((hit) => hit.articleId) } },
      select: { ...(relations as Prisma.ArticleSelect), id: true },
    });
    const byId = new Map(loaded.map((row) => [row.id, row]));
    for (const hit of hits) Object.assign(hit.article, byId.get(hit.articleId));
  }
  return { hits, hasNextPage: rows.length > options.first };
}

export async function countSearchHits(reader: ArticleReader, search: SearchScope): Promise<number> {
  const [row] = await reader.prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "Article" a, (SELECT ${tsQuery(search.query)} AS query) q
    WHERE a."searchVector" @@ q.query AND ${scopeSql(reader, search)}`;
  return Number(row?.count ?? 0);
}
