// `npm run bench:alloc -- [operation|pipeline] [requests]`: the bytes Lede allocates per request of one
// benchmark page (or, with `pipeline`, of `{ __typename }`), and which functions allocate them.
//
// Lede runs in this process (Yoga's `fetch`, no HTTP), 8 requests in flight, on dataset S in
// `lede_bench_s` on DATABASE_URL's server. After a warm-up, V8's sampling heap profiler counts every
// allocation, including what the garbage collector has already freed, over the given number of
// requests. Unlike CPU time, these figures barely move with the machine's load: use them to compare
// a change on a busy machine, then `bench:cpu-split` for what it does to the CPU.
// A function's bytes include the builtins it calls (`JSON.parse`, `Array.prototype.map`) and the
// context V8 allocates for the variables its closures capture.
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { databaseUrl } from './database.ts';
import { startInProcessLede } from './in-process.ts';
import { makeVariables, OPERATIONS, type OperationName, requestFor } from './operations.ts';

const operation = (process.argv[2] ?? 'front') as OperationName | 'pipeline';
if (operation !== 'pipeline' && !OPERATIONS.includes(operation))
  throw new Error(`operation must be pipeline or one of ${OPERATIONS.join(', ')}`);
const requests = Number(process.argv[3] ?? 2000);
const shown = Number(process.env.BENCH_TOP ?? 25);
const url = databaseUrl(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54330/postgres', 'lede_bench_s');

const data = new pg.Client({ connectionString: url });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), 'S', 50, 7);
await data.end();

const gateway = await startInProcessLede(url);

function bodyOf(index: number): string {
  if (operation === 'pipeline') return JSON.stringify({ query: '{ __typename }' });
  const list = variables[operation];
  return requestFor('lede', operation, list[index % list.length] ?? {}).body;
}

async function run(count: number) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const response = await gateway.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodyOf(next++),
      });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"')) throw new Error(`${operation}: ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

type ProfileNode = {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
};

await run(1000); // warm-up: JIT, caches, pool
const session = new Session();
session.connect();
// Node's types predate the options that keep what the collector freed.
const startSampling: string = 'HeapProfiler.startSampling';
await session.post(startSampling, {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
await run(requests);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };

const where = (url: string) =>
  url.includes('/node_modules/')
    ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? url)
    : url.replace(/^.*?\/(src|bench)\//, '$1/').replace(/^file:\/\//, '');
const byFunction = new Map<string, number>();
const byHome = new Map<string, number>();
let total = 0;
const visit = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const home = where(url) || '(V8)';
  // Lines are the transpiled file's, which match the source only in packages.
  const line = url.includes('/node_modules/') ? `:${lineNumber + 1}` : '';
  const name = `${functionName || '(anonymous)'}  ${home}${line}`;
  total += node.selfSize;
  byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
  byHome.set(home, (byHome.get(home) ?? 0) + node.selfSize);
  for (const child of node.children) visit(child);
};
visit(profile.head);

const perRequest = (bytes: number) => `${(bytes / requests / 1024).toFixed(1)} KB`;
const table = (entries: Map<string, number>) =>
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, shown)
    .map(([name, bytes]) => ({
      'per request': perRequest(bytes),
      share: `${((100 * bytes) / total).toFixed(1)} %`,
      name,
    }));
console.log(`${operation}: ${perRequest(total)} allocated per request (${requests} requests, sampled every 1 KB)`);
console.log('By package or source file:');
console.table(table(byHome));
console.log('By function (self):');
console.table(table(byFunction));
await gateway.database.close();
await gateway.media.close();
await gateway.articleEvents.close();
process.exit(0);
