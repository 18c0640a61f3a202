// Most read under load: beacons (POST /views) sent at a fixed rate to a server process, while one
// client reads the front page and the most-read list beside them, one request after another; then
// the server is stopped (SIGTERM flushes the counts) and the stored counts are added up.
// Usage: npm run bench:most-read -- [reports per second, default 2000] [seconds, default 20]
// The embedded database in a temporary folder, or the PostgreSQL database named by DATABASE_URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildServer, startScript } from '../scripts/build.ts';
import { pgliteExtensions } from '../src/db/adapter.ts';
import { FRONT_PAGE_QUERY } from '../src/example-queries.ts';
import { projectRoot } from '../src/shared/project-root.ts';

const targetRate = Number(process.argv[2] ?? 2000);
const seconds = Number(process.argv[3] ?? 20);
const MAX_IN_FLIGHT = 512;
const READERS = 50_000;
const MOST_READ_QUERY = '{ mostRead(window: DAY, first: 10) { nodes { id headline urlPath } } }';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lede-bench-most-read-'));
const databaseUrl = process.env.DATABASE_URL;
const serverBundle = await buildServer();

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const { environment, nodeFlags } = startScript();
  const child = spawn(process.execPath, [...nodeFlags, serverBundle], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...environment,
      PORT: '0',
      NODE_ENV: 'production',
      LEDE_LOG_LEVEL: 'info',
      LEDE_LOG_FORMAT: 'json',
      ...(databaseUrl ? {} : { LEDE_DATA_DIR: dataDir }),
      // Every read measured is computed, not served from the response cache.
      LEDE_CACHE_TTL_MS: '0',
      // Each simulated reader has its own address, as readers behind a proxy would.
      LEDE_TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Lede ready at http:\/\/[^:]+:(\d+)/.exec(output);
      if (!ready) return;
      // From here on its log lines (one a request) are read and dropped, so its pipe never fills.
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ child, port: Number(ready[1]) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(port: number, urlPath: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, headers },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const readerAddress = () => {
  const reader = Math.floor(Math.random() * READERS);
  return `10.${reader >> 16}.${(reader >> 8) & 255}.${reader & 255}`;
};

/** A query from a random reader's address (each address has its own rate-limit budget). */
const graphql = async (port: number, query: string) => {
  const response = await post(port, '/graphql', JSON.stringify({ query }), {
    'content-type': 'application/json',
    'x-forwarded-for': readerAddress(),
  });
  const result = JSON.parse(response.body) as { data?: Record<string, unknown>; errors?: unknown };
  if (response.status !== 200 || result.errors) throw new Error(`read failed: ${response.body.slice(0, 300)}`);
  return result.data as Record<string, { nodes?: { id: string }[]; edges?: { node: { id: string } }[] }>;
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) : 0;
};
const summary = (values: number[]) => ({
  reads: values.length,
  p50Ms: +percentile(values, 50).toFixed(1),
  p95Ms: +percentile(values, 95).toFixed(1),
  p99Ms: +percentile(values, 99).toFixed(1),
});

/** Reads the front page and the most-read list in turn until `until`, timing each. */
async function readLoop(port: number, until: number) {
  const front: number[] = [];
  const mostRead: number[] = [];
  while (performance.now() < until) {
    let started = performance.now();
    await graphql(port, FRONT_PAGE_QUERY);
    front.push(performance.now() - started);
    started = performance.now();
    await graphql(port, MOST_READ_QUERY);
    mostRead.push(performance.now() - started);
  }
  return { front: summary(front), mostRead: summary(mostRead) };
}

/** Sends beacons at `rate` a second for `ms`, never more than MAX_IN_FLIGHT at once. */
async function beaconLoad(port: number, articleIds: string[], rate: number, ms: number) {
  const statuses = new Map<number, number>();
  let sent = 0;
  let skipped = 0;
  let inFlight = 0;
  let failures = 0;
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const send = () => {
    const articleId = articleIds[Math.floor(Math.random() * articleIds.length)] as string;
    const body = JSON.stringify({ articleId });
    inFlight++;
    sent++;
    const request = post(port, '/views', body, {
      'content-type': 'text/plain;charset=UTF-8',
      'x-forwarded-for': readerAddress(),
      'user-agent': 'bench',
    })
      .then((response) => {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      })
      .catch(() => {
        failures++;
      })
      .finally(() => {
        inFlight--;
        pending.delete(request);
      });
    pending.add(request);
  };
  while (performance.now() - started < ms) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent + skipped < due) {
      if (inFlight >= MAX_IN_FLIGHT) skipped++;
      else send();
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  return { sent, skipped, failures, statuses: Object.fromEntries(statuses), elapsedSeconds: elapsed };
}

async function storedViews(): Promise<number> {
  const sum = 'SELECT coalesce(sum(views), 0)::int AS total FROM "ArticleViewCount"';
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(sum);
    await client.end();
    return rows[0].total;
  }
  const db = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  const { rows } = await db.query<{ total: number }>(sum);
  await db.close();
  return rows[0]?.total ?? 0;
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

// Counts already in a PostgreSQL database are left alone; only this run's are added up.
const storedBefore = databaseUrl ? await storedViews() : 0;
const { child, port } = await startServer();
let exitCode: number | null = null;
try {
  const front = await graphql(port, '{ articles(first: 100) { nodes { id } } }');
  const articleIds = (front.articles?.nodes ?? []).map((node) => node.id);
  // Warm up: JIT, connections, the article lookups.
  const warmUp = await beaconLoad(port, articleIds, 500, 2000);
  await readLoop(port, performance.now() + 2000);

  const loadBefore = os.loadavg();
  const quiet = await readLoop(port, performance.now() + 10_000);
  const [load, underLoad] = await Promise.all([
    beaconLoad(port, articleIds, targetRate, seconds * 1000),
    readLoop(port, performance.now() + seconds * 1000),
  ]);
  const loadAfter = os.loadavg();
  exitCode = await stop(child);
  const counted = load.statuses[204] ?? 0;
  const stored = (await storedViews()) - storedBefore;

  console.log(
    `\nMost read: ${targetRate} reports/s asked for ${seconds} s, ${articleIds.length} articles, ${READERS} simulated readers`,
  );
  console.table([
    {
      target: targetRate,
      sent: load.sent,
      answered204: counted,
      other: JSON.stringify(Object.fromEntries(Object.entries(load.statuses).filter(([status]) => status !== '204'))),
      notSent: load.skipped,
      failures: load.failures,
      heldPerSecond: Math.round(counted / load.elapsedSeconds),
    },
  ]);
  console.table([
    { read: 'front page, alone', ...quiet.front },
    { read: 'front page, under reports', ...underLoad.front },
    { read: 'mostRead(DAY, 10), alone', ...quiet.mostRead },
    { read: 'mostRead(DAY, 10), under reports', ...underLoad.mostRead },
  ]);
  const answered = counted + (warmUp.statuses[204] ?? 0);
  console.log(
    `Views stored after SIGTERM (exit ${exitCode}): ${stored}, of ${answered} reports answered 204 (warm-up included; ` +
      'a reader that read the same article before is answered 204 and not counted again).',
  );
  console.log(
    `Load average (1, 5, 15 min) before: ${loadBefore.map((v) => v.toFixed(2)).join(' ')}, after: ${loadAfter
      .map((v) => v.toFixed(2))
      .join(' ')}; ${os.cpus().length} CPUs; ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}.`,
  );
} finally {
  if (exitCode === null) await stop(child);
  agent.destroy();
  await rm(dataDir, { recursive: true, force: true });
}
