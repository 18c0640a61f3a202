// Front-page throughput with the response cache on and off, in one process on the embedded
// database with the sample content (or the PostgreSQL server named by DATABASE_URL).
// Usage: npm run bench:cache -- [requests per run, default 3000] [concurrency, default 8]
//
// `npm run bench:cache -- news-day [seconds per rate, default 60] [write every N s, default 60]
// [rates…, default 5 50 200]`: the hit ratio a front page gets at the default TTL. Readers arrive
// at a fixed rate (open loop: each request is sent when it is due, answered or not) while an editor
// publishes an article every N seconds, which purges the cache. Reported per rate: the share of
// front-page requests answered without running the front page's statement.
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiKey } from '../src/api-keys/keys.ts';
import { startGateway } from '../src/app.ts';
import { type ConfigSettings, configWith, parseConfig } from '../src/config.ts';
import { FRONT_PAGE_QUERY } from '../src/example-queries.ts';

const newsDay = process.argv[2] === 'news-day';
const requests = newsDay ? 0 : Number(process.argv[2] ?? 3000);
const concurrency = Number(process.argv[3] ?? 8);

/** A gateway in this process with the sample content, posting to itself; `onQuery` sees every statement. */
async function startBenchGateway(responseCache: ConfigSettings['responseCache'], onQuery: (sql: string) => void) {
  const gateway = await startGateway(
    configWith({
      databaseUrl: process.env.DATABASE_URL,
      loadSampleContent: true,
      production: true,
      logLevel: 'error',
      responseCache,
    }),
    { onQuery },
  );
  const post = async (body: string, headers: Record<string, string> = {}) =>
    gateway.yoga.fetch('http://lede.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const stop = async () => {
    await gateway.responseCache?.close();
    await gateway.mostRead.close();
    await gateway.database.close();
  };
  return { gateway, post, stop };
}

async function run(label: string, ttlMs: number) {
  let statements = 0;
  const { post, stop } = await startBenchGateway(ttlMs > 0 ? { ttlMs, maxEntries: 1000 } : undefined, () => {
    statements++;
  });
  const body = JSON.stringify({ query: FRONT_PAGE_QUERY });
  const once = async () => {
    const before = statements;
    const response = await post(body);
    const result = (await response.json()) as { errors?: unknown };
    if (response.status !== 200 || result.errors) throw new Error(`${label}: ${JSON.stringify(result)}`);
    return statements === before;
  };
  for (let i = 0; i < 100; i++) await once(); // warm up: JIT, caches, connection pool
  let hits = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) if (await once()) hits++;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await stop();
  return { label, requestsPerSecond: Math.round(requests / seconds), hitRate: hits / requests };
}

const PUBLISH = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { __typename ... on Error { message } }
}`;

async function dayAtRate(ratePerSecond: number, seconds: number, writeEverySeconds: number) {
  // The TTL `npm start` uses when LEDE_CACHE_TTL_MS is not set.
  const { responseCache } = parseConfig({ NODE_ENV: 'production', LEDE_DATA_DIR: 'memory://' });
  const ttlSeconds = (responseCache?.ttlMs ?? 0) / 1000;
  const sent: string[] = [];
  const { gateway, post, stop } = await startBenchGateway(responseCache, (sql) => sent.push(sql));
  const front = JSON.stringify({ query: FRONT_PAGE_QUERY });
  // What one front page sends when it misses (the cache starts empty), told apart from the writes' by text.
  sent.length = 0;
  await (await post(front)).json();
  // The front page's own statement: the longest it sends (the other is the shared section tree's).
  const frontStatement = sent.reduce((longest, sql) => (sql.length > longest.length ? sql : longest), '');
  const editor = (await createApiKey(gateway.database, { name: 'news day', role: 'EDITOR' })).secret;
  const section = await gateway.database.prisma.section.findFirstOrThrow({ select: { id: true } });
  const sectionId = Buffer.from(`Section:${section.id}`).toString('base64');

  // Start cold, as after any expiry or purge.
  await gateway.responseCache?.purgeAll();
  sent.length = 0;
  let failed = 0;
  let writes = 0;
  const started = performance.now();
  const due = Math.round(ratePerSecond * seconds);
  const inFlight: Promise<void>[] = [];
  const writer = (async () => {
    // Off the TTL's grid, so a purge does not fall where an expiry would have come anyway.
    for (let at = writeEverySeconds / 2 + ttlSeconds / 2; at < seconds; at += writeEverySeconds) {
      await sleep(started + at * 1000 - performance.now());
      const result = (await (
        await post(
          JSON.stringify({
            query: PUBLISH,
            variables: {
              input: {
                headline: `News day story ${++writes} at ${ratePerSecond} per second`,
                section: sectionId,
                paragraphs: ['One paragraph.'],
                status: 'PUBLISHED',
              },
            },
          }),
          { authorization: `Bearer ${editor}` },
        )
      ).json()) as { data?: { createArticle: { __typename: string } } };
      if (result.data?.createArticle.__typename !== 'CreateArticleSuccess') throw new Error(JSON.stringify(result));
    }
  })();
  for (let i = 0; i < due; i++) {
    const wait = started + (i * 1000) / ratePerSecond - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      post(front).then(async (response) => {
        const result = (await response.json()) as { errors?: unknown };
        if (response.status !== 200 || result.errors) failed++;
      }),
    );
  }
  await Promise.all([...inFlight, writer]);
  const frontExecutions = sent.filter((sql) => sql === frontStatement).length;
  await stop();
  return {
    'front pages/s': ratePerSecond,
    seconds,
    requests: due,
    failed,
    'editor writes (purges)': writes,
    'front page executions': frontExecutions,
    'hit ratio': `${((1 - frontExecutions / due) * 100).toFixed(2)} %`,
    ttlSeconds,
  };
}

if (newsDay) {
  const seconds = Number(process.argv[3] ?? 60);
  const writeEvery = Number(process.argv[4] ?? 60);
  const rates = process.argv.slice(5).map(Number);
  const rows = [];
  for (const rate of rates.length ? rates : [5, 50, 200]) rows.push(await dayAtRate(rate, seconds, writeEvery));
  console.table(rows);
  console.log(
    `News day: front-page readers at a fixed rate for ${seconds} s each, an article published every ${writeEvery} s (the first half a period and half a TTL in); hit ratio = 1 - executions of the front page's statements / requests.`,
  );
  process.exit(0);
}

const rows = [];
for (const [label, ttl] of [
  ['cache off', 0],
  ['cache on (10 s TTL)', 10_000],
] as const) {
  rows.push(await run(label, ttl));
}
console.table(rows.map((row) => ({ ...row, hitRate: `${(row.hitRate * 100).toFixed(1)} %` })));
console.log(`${requests} front-page requests per run, ${concurrency} at a time, in process (yoga.fetch).`);
