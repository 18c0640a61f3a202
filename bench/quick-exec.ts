// `npm run bench:exec`: Lede's own cost per operation, in process: no HTTP, no load generator,
// no peers. Each of the five benchmark operations runs through Yoga's `fetch` with 8 requests in
// flight, and the ms per request and SQL statements per request are printed. Use it to compare a
// change before and after on a busy machine; `npm run bench` is the real measure against the peers.
// Database: dataset S in `lede_bench_s` on DATABASE_URL's server (default: the local dev server),
// loaded when missing.
import pg from 'pg';
import { databaseUrl, freshPostgresDatabase } from './database.ts';
import { startInProcessLede } from './in-process.ts';
import { makeVariables, OPERATIONS, requestFor } from './operations.ts';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54330/postgres';
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const inFlight = 8;

const url = databaseUrl(server, 'lede_bench_s');
const probe = new pg.Client({ connectionString: server });
await probe.connect();
const exists = (await probe.query(`SELECT 1 FROM pg_database WHERE datname = 'lede_bench_s'`)).rowCount === 1;
await probe.end();
if (!exists) {
  console.log('loading dataset S into lede_bench_s …');
  await freshPostgresDatabase(server, 'lede_bench_s', 'S');
}

const data = new pg.Client({ connectionString: url });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), 'S', 50, 7);
await data.end();

let statements = 0;
const gateway = await startInProcessLede(url, {
  // LEDE_DIRECT_EXECUTION=false measures graphql-js execution, for a before-and-after.
  directExecution: process.env.LEDE_DIRECT_EXECUTION !== 'false',
  onQuery: () => statements++,
});

async function run(operation: (typeof OPERATIONS)[number], durationMs: number) {
  const list = variables[operation];
  let done = 0;
  const deadline = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { body } = requestFor('lede', operation, list[done % list.length] ?? {});
      done++;
      const response = await gateway.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const result = (await response.json()) as { errors?: unknown };
      if (result.errors) throw new Error(`${operation}: ${JSON.stringify(result.errors)}`);
    }
  };
  const before = statements;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSecond: (done / elapsed) * 1000,
    msPerRequest: elapsed / done,
    // This process's own CPU (Yoga, Pothos, Prisma, pg), without the database server's.
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / done,
    statements: (statements - before) / done,
  };
}

console.log(`Lede in process, dataset S on ${new URL(url).host}, ${inFlight} in flight, ${seconds} s per operation`);
// BENCH_OPERATIONS=front,search runs only those (for profiling one page).
const wanted: readonly string[] = process.env.BENCH_OPERATIONS?.split(',') ?? OPERATIONS;
const chosen = OPERATIONS.filter((name) => wanted.includes(name));
for (const operation of chosen) await run(operation, 500); // warm-up: JIT, caches, pool
const rows = [];
for (const operation of chosen) {
  const result = await run(operation, seconds * 1000);
  rows.push({
    operation,
    'req/s': Math.round(result.requestsPerSecond),
    'ms/req': Number(result.msPerRequest.toFixed(2)),
    'Lede CPU ms/req': Number(result.cpuMsPerRequest.toFixed(2)),
    'statements/req': Number(result.statements.toFixed(2)),
  });
}
console.table(rows);
console.log('executions', gateway.executions);
await gateway.database.close();
await gateway.media.close();
await gateway.articleEvents.close();
process.exit(0);
