// The most expensive operations an anonymous client may send, timed on dataset S on embedded
// PGlite and on PostgreSQL, with /health probed throughout. `npm run bench:worst`
// (DATABASE_URL names a PostgreSQL server to use; without it only PGlite runs).
//
// For each operation in bench/operations/worst-case.ts it finds the most aliases the production
// limits accept, sends that three times (made distinct, so no cache answers), and reports the
// slowest answer, its size and cost, and the slowest /health answer meanwhile.
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, freshPgliteFolder, freshPostgresDatabase } from './database.ts';
import { aliased, WORST_CASE_FIELDS } from './operations/worst-case.ts';
import { benchRoot, startLede } from './peers.ts';

const ROUNDS = 3;
const HEALTH_PROBE_EVERY_MS = 50;
const MAX_ALIASES = 30;

type Row = {
  operation: string;
  aliases: number;
  cost: number | string;
  status: string;
  slowestMs: number;
  megabytes: number;
  slowestHealthMs: number;
};

async function post(url: string, query: string) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: {
    data?: unknown;
    errors?: { extensions?: { code?: string } }[];
    extensions?: { cost?: { requested?: number } };
  } = {};
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, ms, bytes: Buffer.byteLength(text), body };
}

/** The most aliases of `field` the limits accept (cost, aliases, tokens), or 0. */
async function largestAllowed(url: string, field: (alias: string) => string): Promise<number> {
  for (let count = MAX_ALIASES; count > 0; count--) {
    const { body } = await post(url, aliased(field, count, 'probe'));
    if (body.data) return count;
  }
  return 0;
}

async function measure(url: string, name: string, field: (alias: string) => string): Promise<Row> {
  const aliases = await largestAllowed(url, field);
  let slowestHealthMs = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      await fetch(`${url}/health`).catch(() => undefined);
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_PROBE_EVERY_MS));
    }
  })();
  const answers = [];
  for (let round = 0; round < ROUNDS; round++) {
    answers.push(await post(url, aliased(field, aliases, `${name} ${round} ${Math.random()}`)));
  }
  probing = false;
  await probe;
  const slowest = answers.reduce((worst, answer) => (answer.ms > worst.ms ? answer : worst));
  const codes = new Set(
    answers.map(
      (answer) =>
        `${answer.status}${answer.body.errors?.[0]?.extensions?.code ? ` ${answer.body.errors[0].extensions.code}` : ''}`,
    ),
  );
  return {
    operation: name,
    aliases,
    cost: slowest.body.extensions?.cost?.requested ?? '-',
    status: [...codes].join(', '),
    slowestMs: Math.round(slowest.ms),
    megabytes: Number((slowest.bytes / 1e6).toFixed(1)),
    slowestHealthMs: Math.round(slowestHealthMs),
  };
}

async function pgliteFolder(): Promise<string> {
  const folder = path.join(benchRoot, 'data', 'pglite-S-worst-case');
  if (!existsSync(path.join(folder, 'PG_VERSION'))) {
    mkdirSync(path.dirname(folder), { recursive: true });
    console.log('loading dataset S into', folder);
    await freshPgliteFolder(folder, 'S');
  }
  return folder;
}

async function postgresUrl(server: string): Promise<string> {
  const url = databaseUrl(server, 'lede_bench_s');
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('SELECT 1 FROM "Article" LIMIT 1');
    await client.end();
  } catch {
    console.log('loading dataset S into PostgreSQL database lede_bench_s');
    await freshPostgresDatabase(server, 'lede_bench_s', 'S');
  }
  return url;
}

const targets: { name: string; database: { databaseUrl?: string; dataDir?: string } }[] = [
  { name: 'PGlite', database: { dataDir: await pgliteFolder() } },
];
if (process.env.DATABASE_URL) {
  targets.push({ name: 'PostgreSQL', database: { databaseUrl: await postgresUrl(process.env.DATABASE_URL) } });
}
console.log(
  `load average at start: ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);
for (const [index, target] of targets.entries()) {
  const lede = await startLede(`Lede ${target.name}`, 'pglite', target.database, 5791 + index, {
    productionLimits: true,
  });
  try {
    const rows: Row[] = [];
    for (const [name, field] of Object.entries(WORST_CASE_FIELDS)) rows.push(await measure(lede.url, name, field));
    console.log(`\n${target.name}, dataset S, production limits`);
    console.table(rows);
  } finally {
    await lede.stop();
  }
}
console.log(
  `load average at end: ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);
