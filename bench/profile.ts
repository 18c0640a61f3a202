// `npm run bench:profile -- [operation|pipeline] [seconds]`: where Lede's CPU goes on one benchmark page
// (or, with `pipeline`, on `{ __typename }`).
// Starts Lede as the bench does (the production bundle on Node 22, dataset S in `lede_bench_s` on
// DATABASE_URL's server, or dataset L in `lede_bench_l` with BENCH_SIZE=L), loads it with autocannon (10 connections) for the given seconds with
// `--cpu-prof`, then prints self time by package or source file and the costliest functions,
// mapped back to src/ through the bundle's source map. The profile stays in the printed folder
// for Chrome DevTools or speedscope.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, freshPostgresDatabase } from './database.ts';
import { makeVariables, OPERATIONS, type OperationName, requestFor } from './operations.ts';
import { benchRoot, projectRoot, startLede } from './peers.ts';

// `pipeline` sends `{ __typename }`: the request pipeline alone, no data read.
const operation = (process.argv[2] ?? 'front') as OperationName | 'pipeline';
if (operation !== 'pipeline' && !OPERATIONS.includes(operation))
  throw new Error(`operation must be pipeline or one of ${OPERATIONS.join(', ')}`);
const seconds = Number(process.argv[3] ?? 8);
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54330/postgres';
const size = process.env.BENCH_SIZE === 'L' ? 'L' : 'S';
const databaseName = `lede_bench_${size.toLowerCase()}`;
const url = databaseUrl(server, databaseName);

const probe = new pg.Client({ connectionString: server });
await probe.connect();
const exists = (await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName])).rowCount === 1;
await probe.end();
if (!exists) await freshPostgresDatabase(server, databaseName, size);
const data = new pg.Client({ connectionString: url });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), size, 100, 11);
await data.end();

const folder = path.join(os.tmpdir(), `lede-profile-${operation}-${Date.now()}`);
mkdirSync(folder, { recursive: true });
const lede = await startLede('Lede', 'pg', { databaseUrl: url }, 5761, {
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${folder}`],
});
type Autocannon = (options: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number }>;
const autocannon = createRequire(path.join(benchRoot, 'package.json'))('autocannon') as Autocannon;
const bodies =
  operation === 'pipeline'
    ? [JSON.stringify({ query: '{ __typename }' })]
    : variables[operation].map((entry) => requestFor('lede', operation, entry).body);
let next = 0;
const result = await autocannon({
  url: `${lede.url}/graphql`,
  connections: 10,
  duration: seconds,
  requests: [
    {
      method: 'POST',
      setupRequest: (request: Record<string, unknown>) => ({
        ...request,
        headers: { 'content-type': 'application/json' },
        body: bodies[next++ % bodies.length],
      }),
    },
  ],
});
const mainThreadCpuMs = mainThreadCpu(lede.pid);
await lede.stop();
console.log(
  `${operation}: ${result.requests.average.toFixed(0)} req/s, ${result.non2xx} non-2xx, load ${os.loadavg()[0]?.toFixed(2)}`,
);

/** CPU time of a process's main thread in ms, from /proc (user + system ticks, 100 a second on Linux). */
function mainThreadCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const file = readdirSync(folder).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no .cpuprofile in ${folder}: did Lede exit cleanly?`);
const profile = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Profile;
const bundle = path.join(projectRoot, 'dist', 'server.js');
const maps = new Map<string, SourceMap | null>();
const sourceMapOf = (scriptUrl: string) => {
  if (!maps.has(scriptUrl)) {
    const file = scriptUrl.replace('file://', '');
    let map: SourceMap | null = null;
    try {
      if (file.startsWith(path.dirname(bundle))) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {}
    maps.set(scriptUrl, map);
  }
  return maps.get(scriptUrl);
};
/** Where a frame's code comes from: a src/ file (through the source map), a package, Node itself or V8. */
function placeOf(frame: Node['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(v8 builtins)';
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  const source = entry && 'originalSource' in entry ? String(entry.originalSource) : frame.url;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (packageMatch) return packageMatch[1] as string;
  if (source.startsWith('node:')) return 'node:internals';
  const local = source.replace('file://', '');
  return path.relative(projectRoot, path.resolve(path.dirname(bundle), local)).replace(/^(\.\.\/)+/, '');
}
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
});
const total = [...selfMs.values()].reduce((sum, value) => sum + value, 0);
const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id) ?? 0;
  if (!ms) continue;
  const place = placeOf(node.callFrame);
  byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  const name = `${node.callFrame.functionName || '(anonymous)'}  ${place}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
}
const top = (map: Map<string, number>, count: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ share: `${((100 * ms) / total).toFixed(1)} %`, name }));
const idle = byPlace.get('(idle)') ?? 0;
console.log(`profile: ${path.join(folder, file)}; ${((100 * idle) / total).toFixed(0)} % of samples idle`);
// V8 samples by the clock, not by CPU use: a sample taken while the thread waits for a core is
// charged to the function it was in (writev above all, whose write wakes the process it writes to).
const offCpuMs = total - idle - mainThreadCpuMs;
console.log(
  `main thread: ${(mainThreadCpuMs / 1000).toFixed(1)} s of CPU against ${((total - idle) / 1000).toFixed(1)} s of samples not idle;` +
    ` ${((100 * Math.max(0, offCpuMs)) / total).toFixed(0)} % of samples were taken off the CPU, so shares overstate CPU where the thread waited`,
);
console.log('Self time by package or source file (idle included in the total):');
console.table(top(byPlace, 30));
console.log('Costliest functions by self time:');
console.table(top(byFunction, 40));
