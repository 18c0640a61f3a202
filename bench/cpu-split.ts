// `npm run bench:cpu-split -- [operation|pipeline] [requests]`: where one benchmark page's CPU goes, split
// between the peer's own process and PostgreSQL's backends, from /proc (user + system time) over
// a fixed number of requests (10 connections) after a warm-up of WARMUP_SECONDS (10 unless set).
// The warm-up is long because a gateway's CPU per request keeps falling for tens of thousands of
// requests (V8 optimising, the heap growing to its working size): after 1,000 requests Lede's
// `{ __typename }` cost twice what it costs after 30,000.
//
// Environment: PEER=p0 measures P0 instead of Lede, PEER=bare-yoga (pipeline only) GraphQL Yoga with
// nothing of Lede's (bench/peers/bare-yoga.mjs); ROOT=<checkout> runs another checkout of Lede
// (with its node_modules), for a before/after pair; BENCH_SIZE=L reads dataset L (lede_bench_l)
// instead of S; BENCH_PORT=<port> serves the peer there instead of 5762 (P0: the next port up), for
// two runs on one machine at once; NODE_ARGS="--flag …" adds Node flags to Lede's own; STRACE=1 also counts
// Lede's system calls with `strace -c` (in /tmp/strace.out).
// PostgreSQL's share counts every `postgres` process on the machine: run it on a quiet database.
// Ratios between runs mean something only when they run one after the other on the same load.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { databaseUrl } from './database.ts';
import { makeVariables, OPERATIONS, type OperationName, requestFor } from './operations.ts';
import { benchRoot, startBareYoga, startLede, startP0 } from './peers.ts';

// `pipeline` sends Lede `{ __typename }`: the request pipeline alone, no data read.
const operation = (process.argv[2] ?? 'article') as OperationName | 'pipeline';
if (operation !== 'pipeline' && !OPERATIONS.includes(operation))
  throw new Error(`operation must be pipeline or one of ${OPERATIONS.join(', ')}`);
const amount = Number(process.argv[3] ?? 2000);
const size = process.env.BENCH_SIZE === 'L' ? 'L' : 'S';
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54330/postgres';
const url = databaseUrl(server, size === 'L' ? 'lede_bench_l' : 'lede_bench_s');

const data = new pg.Client({ connectionString: url });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), size, 100, 11);
await data.end();

const kind = process.env.PEER === 'p0' ? 'p0' : 'lede';
const bareYoga = process.env.PEER === 'bare-yoga';
if (bareYoga && operation !== 'pipeline') throw new Error('PEER=bare-yoga answers only pipeline');
const port = Number(process.env.BENCH_PORT ?? 5762);
const peer = bareYoga
  ? await startBareYoga(port + 2)
  : kind === 'p0'
    ? await startP0('P0', 'pg', url, port + 1)
    : await startLede('Lede', 'pg', { databaseUrl: url }, port, {
        ...(process.env.ROOT ? { root: process.env.ROOT } : {}),
        ...(process.env.NODE_ARGS ? { nodeArgs: process.env.NODE_ARGS.trim().split(/\s+/) } : {}),
      });

type Autocannon = (options: Record<string, unknown>) => Promise<{ non2xx: number }>;
const autocannon = createRequire(path.join(benchRoot, 'package.json'))('autocannon') as Autocannon;
const requests =
  operation === 'pipeline'
    ? [{ path: '/graphql', body: JSON.stringify({ query: '{ __typename }' }) }]
    : variables[operation].map((entry) => requestFor(kind, operation, entry));
let next = 0;
const load = (length: { amount: number } | { duration: number }) =>
  autocannon({
    url: `${peer.url}${requests[0]?.path}`,
    connections: 10,
    ...length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          headers: { 'content-type': 'application/json' },
          body: requests[next++ % requests.length]?.body,
        }),
      },
    ],
  });

/** User + system CPU of a process, in clock ticks (10 ms here), or 0 once it is gone. */
function ticks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresProcesses(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

await load({ duration: Number(process.env.WARMUP_SECONDS ?? 10) });
const strace = process.env.STRACE
  ? spawn('strace', ['-c', '-f', '-p', String(peer.pid), '-o', '/tmp/strace.out'], { stdio: 'inherit' })
  : undefined;
if (strace) await sleep(1000);
const postgresBefore = new Map(postgresProcesses().map((pid) => [pid, ticks(pid)]));
const peerBefore = ticks(peer.pid);
const started = Date.now();
const result = await load({ amount });
const seconds = (Date.now() - started) / 1000;
const peerTicks = ticks(peer.pid) - peerBefore;
let postgresTicks = 0;
for (const pid of postgresProcesses()) postgresTicks += ticks(pid) - (postgresBefore.get(pid) ?? 0);
strace?.kill('SIGINT');
if (strace) await sleep(1000);
await peer.stop();
const perRequest = (count: number) => ((count * 10) / amount).toFixed(3);
console.log(
  `${peer.name} ${operation} (dataset ${size}): CPU per request ${perRequest(peerTicks)} ms in its process, ` +
    `${perRequest(postgresTicks)} ms in PostgreSQL; ${(amount / seconds).toFixed(0)} req/s, ` +
    `${result.non2xx} non-2xx; load average ${os.loadavg()[0]?.toFixed(2)}`,
);
