import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { type Highlight, LESS_THAN, MATCH_END, MATCH_START, parseHighlight } from './highlight.ts';

/** Longest search query accepted, in characters: longer ones get a validation error. */
export const MAX_SEARCH_QUERY_LENGTH = 256;

export type SearchOrder = 'RELEVANCE' | 'NEWEST';

export type SearchHit = {
  articleId: number;
  /** ts_rank_cd normalised to [0, 1): higher is better; comparable only within one search. */
  rank: number;
  headline: Highlight;
  snippet: Highlight;
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

/**
 * One page of hits, best (or newest) first, ties broken by article id, in one statement: matching,
 * ranking, the keyset after the cursor's article, and headlines for the page only.
 */
export async function searchArticles(
  prisma: PrismaClient,
  options: {
    query: string;
    where: Prisma.Sql;
    /** Condition the cursor's article must meet (visibility), over alias `c`. */
    cursorWhere: Prisma.Sql;
    order: SearchOrder;
    limit: number;
    afterId?: number;
  },
): Promise<SearchHit[]> {
  const { query, where, cursorWhere, order, limit, afterId } = options;
  const key = sortKeyOf(order, 'a');
  const after =
    afterId === undefined
      ? Prisma.empty
      : Prisma.sql`AND (${key}, a."id") < (SELECT ${sortKeyOf(order, 'c')}, c."id" FROM "Article" c WHERE c."id" = ${afterId} AND ${cursorWhere})`;
  const rows = await prisma.$queryRaw<{ id: number; rank: number; headline: string; snippet: string }[]>`
    WITH q AS (SELECT ${tsQuery(query)} AS query)
    SELECT a."id", page.rank,
      ts_headline('english', ${strip(Prisma.sql`a."headline"`)}, q.query, ${headlineOptions}) AS headline,
      ts_headline('english', ${strip(Prisma.sql`concat_ws(' ', a."standfirst", a."body")`)}, q.query, ${snippetOptions}) AS snippet
    FROM (
      SELECT a."id", ${rankOf('a')} AS rank, ${key} AS "sortKey"
      FROM "Article" a, q
      WHERE a."searchVector" @@ q.query AND ${where} ${after}
      ORDER BY "sortKey" DESC, a."id" DESC
      LIMIT ${limit}
    ) page
    JOIN "Article" a ON a."id" = page."id", q
    ORDER BY page."sortKey" DESC, page."id" DESC`;
  return rows.map((row) => ({
    articleId: row.id,
    rank: Number(row.rank),
    headline: parseHighlight(row.headline),
    snippet: parseHighlight(row.snippet),
  }));
}

export async function countSearchHits(prisma: PrismaClient, query: string, where: Prisma.Sql): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM "Article" a, (SELECT ${tsQuery(query)} AS query) q
    WHERE a."searchVector" @@ q.query AND ${where}`;
  return Number(row?.count ?? 0);
}
