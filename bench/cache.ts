// Front-page throughput with the response cache on and off, in one process on the embedded
// database with the sample content (or the PostgreSQL server named by DATABASE_URL).
// Usage: npm run bench:cache -- [requests per run, default 3000] [concurrency, default 8]
import { startGateway } from '../src/app.ts';
import { configWith } from '../src/config.ts';
import { FRONT_PAGE_QUERY } from '../src/example-queries.ts';

const requests = Number(process.argv[2] ?? 3000);
const concurrency = Number(process.argv[3] ?? 8);

async function run(label: string, ttlMs: number) {
  let statements = 0;
  const gateway = await startGateway(
    configWith({
      databaseUrl: process.env.DATABASE_URL,
      loadSampleContent: true,
      production: true,
      logLevel: 'error',
      responseCache: ttlMs > 0 ? { ttlMs, maxEntries: 1000 } : undefined,
    }),
    { onQuery: () => statements++ },
  );
  const body = JSON.stringify({ query: FRONT_PAGE_QUERY });
  const once = async () => {
    const before = statements;
    const response = await gateway.yoga.fetch('http://lede.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
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
  await gateway.responseCache?.close();
  await gateway.database.close();
  return { label, requestsPerSecond: Math.round(requests / seconds), hitRate: hits / requests };
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
