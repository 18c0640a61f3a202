// Times the search statement (src/search/article-search.ts) on a PostgreSQL database holding the bench
// dataset, for the selections that matter, and prints its plan:
//
//   npx tsx bench/database.ts S                                  # loads dataset S into lede_bench_s
//   npx tsx bench/search-sql.ts [postgres://…/lede_bench_s]
//
// The queries are the bench's: two topic words of a random published article (seed 5).
import pg from 'pg';
import type { Prisma } from '../generated/prisma/client.ts';
import { visibleArticleSql } from '../src/articles/visibility.ts';
import { articleFieldsOf, type SearchFields, searchSql } from '../src/search/article-search.ts';
import { DATASETS, TOPIC_WORDS } from './dataset.ts';
import { seededRandom } from './operations.ts';

const QUERIES = 40;
const ROUNDS = 3;

const SELECTIONS: Record<string, SearchFields> = {
  'bench operation, with every Article column (include mode)': {
    rank: true,
    headline: false,
    snippet: false,
    ...articleFieldsOf({}),
  },
  'bench operation, the columns it selects': {
    rank: true,
    headline: false,
    snippet: false,
    columns: ['id', 'slug', 'headline', 'publishedAt'],
  },
  'README search page (rank, headline, snippet, urlPath, publishedAt)': {
    rank: true,
    headline: true,
    snippet: true,
    columns: ['id', 'slug', 'sectionId', 'publishedAt'],
  },
};

const url = process.argv[2] ?? 'postgres://postgres@127.0.0.1:54330/lede_bench_s';
const client = new pg.Client({ connectionString: url });
await client.connect();

const random = seededRandom(5);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const ids = Array.from({ length: QUERIES }, () => 1 + Math.floor(random() * DATASETS.S.articles));
const { rows } = await client.query<{ body: string }>(
  `SELECT "body" FROM "Article" WHERE "id" = ANY($1::int[]) AND "status" = 'PUBLISHED'`,
  [ids],
);
const topic = new Set(TOPIC_WORDS);
const queries = rows.map(({ body }) => {
  const words = [...new Set(body.split(/[\s.]+/).filter((word) => topic.has(word)))];
  const first = pick(words);
  return `${first} ${pick(words.filter((word) => word !== first)) ?? ''}`.trim();
});

const visibility = { now: new Date(), preview: false };
const statement = (query: string, fields: SearchFields): Prisma.Sql =>
  searchSql({
    query,
    where: visibleArticleSql(visibility),
    cursorWhere: visibleArticleSql(visibility, 'c'),
    order: 'RELEVANCE',
    first: 20,
    fields,
  });
const percentile = (times: number[], p: number) =>
  ([...times].sort((a, b) => a - b)[Math.floor(times.length * p)] ?? 0).toFixed(2);

const times = new Map(Object.keys(SELECTIONS).map((name) => [name, [] as number[]]));
// Round 0 warms the cache and is not counted; selections take turns so load from others hits all alike.
for (let round = 0; round <= ROUNDS; round++) {
  for (const query of queries) {
    for (const [name, fields] of Object.entries(SELECTIONS)) {
      const sql = statement(query, fields);
      const started = performance.now();
      await client.query(sql.text, sql.values);
      if (round > 0) times.get(name)?.push(performance.now() - started);
    }
  }
}
for (const [name, list] of times) {
  console.log(
    `${name}: ${list.length} statements, median ${percentile(list, 0.5)} ms, p95 ${percentile(list, 0.95)} ms`,
  );
}

const [first = 'port'] = queries;
for (const [name, fields] of Object.entries(SELECTIONS)) {
  const sql = statement(first, fields);
  const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`,
    sql.values,
  );
  console.log(`\n${name}, query "${first}":\n${plan.map((line) => line['QUERY PLAN']).join('\n')}`);
}
await client.end();
