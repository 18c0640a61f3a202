// Bytes of the bench's front-page response as sent: uncompressed, gzip and brotli, on the
// embedded database with the sample content (or the PostgreSQL server named by DATABASE_URL).
// Usage: npx tsx bench/compression.ts
import { readFileSync } from 'node:fs';
import { startGateway } from '../src/app.ts';
import { configWith } from '../src/config.ts';

const query = readFileSync(new URL('operations/front.graphql', import.meta.url), 'utf8');
const gateway = await startGateway(
  configWith({ databaseUrl: process.env.DATABASE_URL, loadSampleContent: true, production: true, logLevel: 'error' }),
);
const rows: string[] = [];
let identity = 0;
for (const encoding of ['identity', 'gzip', 'br']) {
  const response = await gateway.yoga.fetch('http://lede.bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-encoding': encoding },
    body: JSON.stringify({ query }),
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (encoding === 'identity') identity = bytes;
  const sent = response.headers.get('content-encoding') ?? 'none';
  rows.push(`| ${encoding} | ${sent} | ${bytes} | ${((100 * bytes) / identity).toFixed(0)} % |`);
}
const result = (await (
  await gateway.yoga.fetch('http://lede.bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })
).json()) as { data: { articles: { edges: unknown[] } } };
const articles = result.data.articles;
console.log(
  `Front page (bench/operations/front.graphql), ${articles.edges.length} articles, ${gateway.database.description}:`,
);
console.log('| Accept-Encoding | Content-Encoding | Bytes | Of uncompressed |');
console.log('| --- | --- | ---: | ---: |');
for (const row of rows) console.log(row);
await gateway.database.close();
await gateway.media.close();
await gateway.articleEvents.close();
