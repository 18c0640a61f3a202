// `npm run bench:memory -- [checkout …]`: where a gateway's resident memory goes after the load
// `npm run bench` puts on it, for one or more checkouts of Lede started side by side.
//
// Each checkout (this one when none is named; another needs its own node_modules, a symlink will
// do) runs as `npm start` runs it, on dataset L (`lede_bench_l` on DATABASE_URL's server; BENCH_SIZE=S
// for `lede_bench_s`). The load is the bench's: three rounds of the five pages, 10 connections,
// SECONDS (default 6) per page and checkout, the checkouts taking turns; then the front page at a
// fixed 500 req/s for 8 s. After each round and at the end it prints, per checkout: RSS, its
// anonymous and file-backed parts (/proc/<pid>/status), the V8 heap (used and reserved) and
// glibc's main malloc arena (the `[heap]` mapping). `npm run bench` records only the RSS at the
// end; this says which part moved. RSS swings by tens of MB between runs of the same code, so
// compare checkouts in one run, and run it twice with the order reversed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl } from './database.ts';
import { makeVariables, OPERATIONS, requestFor } from './operations.ts';
import { benchRoot, METRICS_TOKEN, type Peer, projectRoot, rssMegabytes, startLede } from './peers.ts';

const checkouts = process.argv.length > 2 ? process.argv.slice(2).map((dir) => path.resolve(dir)) : [projectRoot];
const seconds = Number(process.env.SECONDS ?? 6);
const size = process.env.BENCH_SIZE === 'S' ? 'S' : 'L';
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54330/postgres';
const url = databaseUrl(server, size === 'L' ? 'lede_bench_l' : 'lede_bench_s');

const data = new pg.Client({ connectionString: url });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), size, 200, 11);
await data.end();

type Autocannon = (options: Record<string, unknown>) => Promise<{ non2xx: number; latency: { p99: number } }>;
const autocannon = createRequire(path.join(benchRoot, 'package.json'))('autocannon') as Autocannon;

const peers: Peer[] = [];
for (const [index, root] of checkouts.entries())
  peers.push(await startLede(`#${index + 1}`, 'pg', { databaseUrl: url }, 5790 + index, { root }));
for (const [index, root] of checkouts.entries()) console.log(`#${index + 1}: ${root}`);

function load(peer: Peer, bodies: { path: string; body: string }[], duration: number, overallRate?: number) {
  let next = 0;
  return autocannon({
    url: peer.url,
    connections: 10,
    duration,
    overallRate,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>) => {
          const { path: where, body } = bodies[next++ % bodies.length] as { path: string; body: string };
          return { ...request, path: where, body, headers: { 'content-type': 'application/json' } };
        },
      },
    ],
  });
}

const megabytes = (bytes: number) => Math.round(bytes / 1048576);

/** Resident memory by part, in MB. */
async function memory(peer: Peer) {
  const status = readFileSync(`/proc/${peer.pid}/status`, 'utf8');
  const statusMB = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024);
  const metrics = await (
    await fetch(`${peer.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const gauge = (name: string) =>
    megabytes(Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]));
  // glibc's main arena grows by brk into the one mapping the kernel names [heap].
  const smaps = readFileSync(`/proc/${peer.pid}/smaps`, 'utf8');
  const arena = /\[heap\]\n(?:.*\n)*?Rss:\s+(\d+) kB/.exec(smaps)?.[1];
  return {
    rss: Math.round(rssMegabytes(peer.pid)),
    anonymous: statusMB('RssAnon'),
    files: statusMB('RssFile'),
    v8HeapUsed: gauge('nodejs_heap_size_used_bytes'),
    v8HeapReserved: gauge('nodejs_heap_size_total_bytes'),
    mallocArena: Math.round(Number(arena ?? 0) / 1024),
  };
}

async function report(label: string) {
  const rows: Record<string, Awaited<ReturnType<typeof memory>>> = {};
  for (const peer of peers) rows[peer.name] = await memory(peer);
  console.log(`${label} (MB), load average ${os.loadavg()[0]?.toFixed(2)}`);
  console.table(rows);
}

try {
  await report('started');
  for (let round = 1; round <= 3; round++) {
    for (const operation of OPERATIONS)
      for (const peer of peers) {
        const bodies = variables[operation].map((entry) => requestFor('lede', operation, entry));
        const result = await load(peer, bodies, seconds);
        if (result.non2xx) throw new Error(`${peer.name} ${operation}: ${result.non2xx} non-2xx answers`);
      }
    await report(`after round ${round}`);
  }
  const latency: Record<string, number> = {};
  for (const peer of peers) {
    const bodies = variables.front.map((entry) => requestFor('lede', 'front', entry));
    latency[peer.name] = (await load(peer, bodies, 8, 500)).latency.p99;
  }
  await report(`after the front page at 500 req/s (p99 ms: ${JSON.stringify(latency)})`);
} finally {
  for (const peer of peers) await peer.stop();
}
