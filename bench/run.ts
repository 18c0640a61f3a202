// `npm run bench [-- --quick] [-- --fresh]`: loads the dataset, starts every peer, checks they
// answer alike, then measures throughput (interleaved rounds), latency at a fixed rate, SQL
// statements per request, response bytes and memory. See bench/RESULTS.md for the latest figures.
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { parseConfig } from '../src/config.ts';
import { pgliteExtensions } from '../src/db/adapter.ts';
import { databaseUrl, freshPgliteFolder, freshPostgresDatabase } from './database.ts';
import { DATASETS, type DatasetSize, datasetSql } from './dataset.ts';
import { type KnownProcess, type LoadWindow, loadWindow } from './machine-load.ts';
import { type OpenLoopResult, openLoop } from './open-loop.ts';
import {
  makeVariables,
  normalise,
  OPERATIONS,
  type OperationName,
  POSTGRAPHILE_SECTION_CURSOR,
  type Query,
  requestFor,
  type Variables,
} from './operations.ts';
import { POSTGRAPHILE_SCHEMA } from './peers/postgraphile-schema.ts';
import {
  benchRoot,
  NODE_22,
  type Peer,
  projectRoot,
  rssMegabytes,
  startLede,
  startP0,
  startPostGraphile,
} from './peers.ts';

const quick = process.argv.includes('--quick');
const fresh = process.argv.includes('--fresh');
/**
 * `--baseline DIR`: another checkout of Lede (with its node_modules), run as one more peer on the
 * same PostgreSQL dataset in the same interleaved rounds, for before-and-after ratios of a change.
 * Its results go to bench/results/ only; bench/RESULTS.md keeps the regular run.
 */
const baselineIndex = process.argv.indexOf('--baseline');
const baselineRoot = baselineIndex === -1 ? undefined : path.resolve(process.argv[baselineIndex + 1] ?? '');
if (baselineRoot && !existsSync(path.join(baselineRoot, 'src', 'server.ts')))
  throw new Error(`--baseline ${baselineRoot}: no src/server.ts there; give a checkout of Lede with its node_modules`);
const BASELINE = 'Lede baseline';
/**
 * Lede with its response cache at the default TTL, on the front page only: what a reader gets.
 * It is kept out of every ratio (P0 and PostGraphile cache nothing); its hit ratio is reported.
 */
const CACHED = 'Lede cached';
const measures = (peer: Peer, operation: OperationName) => peer.name !== CACHED || operation === 'front';
const size: DatasetSize = quick ? 'S' : 'L';
const settings = quick
  ? {
      rounds: 3,
      seconds: 1,
      warmUpSeconds: 1,
      latencySeconds: 2,
      variables: 20,
      checked: 5,
      connections: 10,
      rate: 500,
    }
  : {
      rounds: 3,
      seconds: 6,
      warmUpSeconds: 3,
      latencySeconds: 8,
      variables: 200,
      checked: 20,
      connections: 10,
      rate: 500,
    };
const LABELS: Record<OperationName, string> = {
  front: 'Front page',
  article: 'Article page',
  section: 'Section page, deep cursor',
  search: 'Search, two terms',
  entity: 'Organization page',
};
/** A measurement during which other processes used this many cores or more is flagged as loaded. */
const OTHER_LOAD_CORES = 0.25;
const started = Date.now();
const log = (message: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

// The load generator lives in bench/node_modules: install it there when missing (never in the root).
if (!existsSync(path.join(benchRoot, 'node_modules/autocannon'))) {
  log('installing bench/ dependencies (npm ci in bench/)');
  execSync('npm ci --no-audit --no-fund', { cwd: benchRoot, stdio: 'inherit' });
}
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
};
type RequestShape = { method?: string; path?: string; body?: string; headers?: Record<string, string> };
const autocannon = createRequire(path.join(benchRoot, 'package.json'))('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  requests: { method: string; setupRequest: (request: RequestShape) => RequestShape }[];
}) => Promise<AutocannonResult>;

// ---- PostgreSQL: DATABASE_URL's server, or one of our own as .ci/run starts it.
async function postgresServer(): Promise<{ url: string; stop: () => void }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => {} };
  const bin = readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .map((version) => `/usr/lib/postgresql/${version}/bin`)
    .at(-1);
  if (!bin) throw new Error('No DATABASE_URL and no PostgreSQL in /usr/lib/postgresql: set DATABASE_URL.');
  const root = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-postgres-'));
  const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asPostgres.length) execFileSync('chown', ['postgres:postgres', root]);
  const run = (args: string[]) => {
    const [command, ...rest] = [...asPostgres, ...args];
    execFileSync(command as string, rest, { stdio: 'ignore' });
  };
  const port = 54339;
  run([`${bin}/initdb`, '-D', `${root}/data`, '-U', 'postgres', '--auth=trust']);
  run([
    `${bin}/pg_ctl`,
    '-D',
    `${root}/data`,
    '-l',
    `${root}/server.log`,
    '-o',
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => run([`${bin}/pg_ctl`, '-D', `${root}/data`, '-m', 'fast', 'stop']),
  };
}

/** Changes whenever the dataset or the migrations change, so a stored copy is reused only when identical. */
function fingerprint(dataset: DatasetSize): string {
  const migrations = readdirSync(path.join(projectRoot, 'migrations')).sort().join(',');
  return createHash('sha256')
    .update(`${dataset}\n${datasetSql(dataset).join('\n')}\n${migrations}`)
    .digest('hex')
    .slice(0, 16);
}

async function postgresDataset(serverUrl: string) {
  const name = `lede_bench_${size.toLowerCase()}`;
  const print = fingerprint(size);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const { rows } = await admin.query(
    "SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1",
    [name],
  );
  await admin.end();
  let load: { migrateSeconds: number; loadSeconds: number } | null = null;
  const url = databaseUrl(serverUrl, name);
  if (fresh || rows[0]?.note !== `lede-bench ${print}`) {
    log(`loading dataset ${size} into PostgreSQL database ${name}`);
    load = await freshPostgresDatabase(serverUrl, name, size);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`COMMENT ON DATABASE "${name}" IS 'lede-bench ${print}'`);
    await client.end();
    log(`dataset ${size}: migrated in ${load.migrateSeconds.toFixed(1)} s, loaded in ${load.loadSeconds.toFixed(1)} s`);
  } else log(`reusing dataset ${size} in ${name} (same fingerprint; --fresh reloads it)`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const statement of POSTGRAPHILE_SCHEMA) await client.query(statement);
  const variables = await makeVariables((sql, params) => client.query(sql, params), size, settings.variables, 5);
  await client.end();
  return { url, load, variables };
}

async function pgliteDataset() {
  const folder = path.join(benchRoot, 'data', `pglite-S-${fingerprint('S')}`);
  let load: { migrateSeconds: number; loadSeconds: number } | null = null;
  if (fresh || !existsSync(path.join(folder, 'PG_VERSION'))) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(path.dirname(folder), { recursive: true });
    log('loading dataset S into an embedded PGlite folder');
    load = await freshPgliteFolder(folder, 'S');
    log(
      `PGlite dataset S: migrated in ${load.migrateSeconds.toFixed(1)} s, loaded in ${load.loadSeconds.toFixed(1)} s`,
    );
  }
  const pglite = await PGlite.create(folder, { extensions: pgliteExtensions });
  const query: Query = (sql, params) => pglite.query(sql, params) as ReturnType<Query>;
  const variables = await makeVariables(query, 'S', settings.variables, 5);
  await pglite.close();
  // Each embedded peer gets its own copy: PGlite is one process's database.
  const copies = ['lede', 'p0'].map((peer) => {
    const copy = mkdtempSync(path.join(os.tmpdir(), `lede-bench-${peer}-`));
    cpSync(folder, copy, { recursive: true });
    return copy;
  });
  return { copies, load, variables };
}

type Stat = { median: number; min: number; max: number };
const stat = (values: number[]): Stat => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
  };
};

async function send(peer: Peer, operation: OperationName, variables: Variables) {
  const { path: where, body } = requestFor(peer.kind, operation, variables);
  const response = await fetch(`${peer.url}${where}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), json: JSON.parse(text) };
}

function load(peer: Peer, operation: OperationName, list: Variables[], seconds: number, overallRate?: number) {
  return loadBodies(
    peer,
    list.map((variables) => requestFor(peer.kind, operation, variables)),
    seconds,
    overallRate,
  );
}

function loadBodies(peer: Peer, bodies: { path: string; body: string }[], seconds: number, overallRate?: number) {
  let next = 0;
  return autocannon({
    url: peer.url,
    connections: settings.connections,
    duration: seconds,
    overallRate,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { path: where, body } = bodies[next++ % bodies.length] as { path: string; body: string };
          return { ...request, path: where, body, headers: { 'content-type': 'application/json' } };
        },
      },
    ],
  });
}

// ---- Main
const server = await postgresServer();
const peers: Peer[] = [];
try {
  const postgres = await postgresDataset(server.url);
  const embedded = await pgliteDataset();
  log('starting peers');
  // All at once; each kept as soon as it runs, so a failure still stops those already started.
  const starting = [
    () => startP0('P0', 'pg', postgres.url, 5711),
    () => startPostGraphile(postgres.url, 5721),
    () => startLede('Lede', 'pg', { databaseUrl: postgres.url }, 5731),
    () => startP0('P0 PGlite', 'pglite', embedded.copies[1] as string, 5741),
    () => startLede('Lede PGlite', 'pglite', { dataDir: embedded.copies[0] }, 5751),
    () => startLede(CACHED, 'pg', { databaseUrl: postgres.url }, 5737, { responseCache: true }),
    ...(baselineRoot
      ? [() => startLede(BASELINE, 'pg', { databaseUrl: postgres.url }, 5733, { root: baselineRoot })]
      : []),
  ].map((start) => start().then((peer) => peers.push(peer)));
  const failed = (await Promise.allSettled(starting)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  const order = ['P0', 'PostGraphile', 'Lede', BASELINE, CACHED, 'P0 PGlite', 'Lede PGlite'];
  peers.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const variablesOf = (peer: Peer) => (peer.group === 'pg' ? postgres.variables : embedded.variables);
  // PostGraphile pages with its own keyset cursors: ask it for the one at each depth.
  const postgraphile = peers.find((peer) => peer.kind === 'postgraphile') as Peer;
  for (const variables of postgres.variables.section) {
    const response = await fetch(`${postgraphile.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: POSTGRAPHILE_SECTION_CURSOR,
        variables: { slug: variables.slug, offset: variables.depth },
      }),
    });
    const json = (await response.json()) as { data: { allPublicArticles: { edges: { cursor: string }[] } } };
    variables.pgCursor = json.data.allPublicArticles.edges[0]?.cursor;
  }

  // ---- Same data, and statements and bytes per request, from the same requests.
  log(`checking that peers answer alike (${settings.checked} variable sets per operation)`);
  const checks: Record<string, Record<string, { statements: number; bytes: number; mismatches: number }>> = {};
  const mismatchExamples: string[] = [];
  const empty = Object.fromEntries(OPERATIONS.map((operation) => [operation, 0])) as Record<OperationName, number>;
  for (const operation of OPERATIONS) {
    checks[operation] = {};
    for (const group of ['pg', 'pglite'] as const) {
      const members = peers.filter((peer) => peer.group === group && measures(peer, operation));
      const list = (group === 'pg' ? postgres.variables : embedded.variables)[operation].slice(0, settings.checked);
      const before = await Promise.all(members.map((peer) => peer.statements()));
      const bytes = members.map(() => 0);
      const mismatches = members.map(() => 0);
      for (const variables of list) {
        const answers = [];
        for (const peer of members) answers.push(await send(peer, operation, variables));
        const reference = normalise('p0', operation, answers[0]?.json);
        // An empty answer would make every peer agree trivially: count them, they must stay rare.
        if (reference === null || (Array.isArray(reference) && reference.length === 0)) empty[operation] += 1;
        answers.forEach((answer, index) => {
          const peer = members[index] as Peer;
          bytes[index] = (bytes[index] as number) + answer.bytes;
          const mine = normalise(peer.kind, operation, answer.json);
          if (answer.status !== 200 || !isDeepStrictEqual(mine, reference)) {
            mismatches[index] = (mismatches[index] as number) + 1;
            if (mismatchExamples.length < 5) {
              mismatchExamples.push(
                `${peer.name} ${operation} ${JSON.stringify(variables)}:\n  P0:   ${JSON.stringify(reference).slice(0, 600)}\n  peer: ${JSON.stringify(mine).slice(0, 600)}`,
              );
            }
          }
        });
      }
      const after = await Promise.all(members.map((peer) => peer.statements()));
      members.forEach((peer, index) => {
        (checks[operation] as Record<string, unknown>)[peer.name] = {
          statements: ((after[index] as number) - (before[index] as number)) / list.length,
          bytes: Math.round((bytes[index] as number) / list.length),
          mismatches: mismatches[index] as number,
        };
      });
    }
  }
  const mismatched = Object.values(checks)
    .flatMap((perPeer) => Object.values(perPeer))
    .some((check) => check.mismatches);
  if (mismatched) {
    console.log('Peers differ:');
    for (const example of mismatchExamples) console.log(example);
  } else log('every peer returned the same data for every checked variable set');
  log(`empty or null reference answers per operation: ${JSON.stringify(empty)}`);

  // ---- The machine's other load: CPU of everything but this process (the load generator), the
  // peers and the PostgreSQL backends on the bench's database, per measurement and per round.
  const monitor = new pg.Client({ connectionString: postgres.url });
  await monitor.connect();
  const postgresIsLocal = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(postgres.url).hostname);
  const knownPids = async (): Promise<KnownProcess[]> => [
    { pid: process.pid, group: 'load generator' },
    ...peers.map((peer) => ({ pid: peer.pid, group: peer.name })),
    ...(postgresIsLocal
      ? (
          await monitor.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')
        ).rows.map((row) => ({ pid: row.pid, group: 'PostgreSQL' }))
      : []),
  ];
  // CPU per request of the measured peer: its process and, for the PostgreSQL peers, the bench
  // database's backends (only the measured peer sends statements while it is measured). Unlike
  // requests/s this hardly depends on how much CPU other processes leave.
  const cpuPerRequest = (peer: Peer, window: LoadWindow, requests: number) =>
    requests > 0
      ? (((window.cpuSeconds[peer.name] ?? 0) + (peer.group === 'pg' ? (window.cpuSeconds.PostgreSQL ?? 0) : 0)) *
          1000) /
        requests
      : Number.NaN;

  // ---- Warm-up, not measured: V8 optimises a gateway's code over thousands of requests, so without
  // it the first round would time the JavaScript peers (Lede, PostGraphile) before their code settles.
  log(`warm-up (${settings.warmUpSeconds} s per peer and operation, not measured)`);
  for (const operation of OPERATIONS) {
    for (const peer of peers.filter((candidate) => measures(candidate, operation))) {
      await load(peer, operation, variablesOf(peer)[operation], settings.warmUpSeconds);
    }
  }

  // ---- Throughput: every operation, peers interleaved round-robin within each round.
  const throughput: Record<string, Record<string, number[]>> = {};
  const throughputLoad: Record<string, Record<string, LoadWindow[]>> = {};
  const cpuMs: Record<string, Record<string, number[]>> = {};
  const rounds: (LoadWindow & { round: number })[] = [];
  const failures: Record<string, number> = {};
  const cachedCounts = { requests: 0, statements: 0 };
  for (let round = 1; round <= settings.rounds; round++) {
    log(`throughput round ${round} of ${settings.rounds} (${settings.seconds} s per peer and operation)`);
    const roundWindow = await loadWindow(knownPids);
    for (const operation of OPERATIONS) {
      for (const peer of peers.filter((candidate) => measures(candidate, operation))) {
        const window = await loadWindow(knownPids);
        const statementsBefore = peer.name === CACHED ? await peer.statements() : 0;
        const result = await load(peer, operation, variablesOf(peer)[operation], settings.seconds);
        const measured = await window.end();
        if (peer.name === CACHED) {
          cachedCounts.requests += result.requests.total;
          cachedCounts.statements += (await peer.statements()) - statementsBefore;
        }
        const perPeer = throughput[operation] ?? {};
        throughput[operation] = perPeer;
        perPeer[peer.name] = [...(perPeer[peer.name] ?? []), result.requests.average];
        const cpuPerPeer = cpuMs[operation] ?? {};
        cpuMs[operation] = cpuPerPeer;
        cpuPerPeer[peer.name] = [
          ...(cpuPerPeer[peer.name] ?? []),
          cpuPerRequest(peer, measured, result.requests.total),
        ];
        const loadPerPeer = throughputLoad[operation] ?? {};
        throughputLoad[operation] = loadPerPeer;
        loadPerPeer[peer.name] = [...(loadPerPeer[peer.name] ?? []), measured];
        failures[peer.name] = (failures[peer.name] ?? 0) + result.non2xx + result.errors + result.timeouts;
      }
    }
    const measured = { round, ...(await roundWindow.end()) };
    rounds.push(measured);
    log(
      `round ${round}: load average ${measured.loadAverage.map((value) => value.toFixed(2)).join(' → ')}, other processes ${measured.foreignCores?.toFixed(2)} cores`,
    );
  }
  // ---- What the GraphQL servers' request pipelines alone allow: `{ __typename }` reads nothing, so
  // it costs HTTP, parsing (cached), validation, the plugins and the response, and no data. P0 has
  // no pipeline, so this is the ceiling a GraphQL gateway has against it.
  const pipeline: Record<string, number[]> = {};
  const graphqlPeers = peers.filter((peer) => peer.group === 'pg' && peer.kind !== 'p0' && peer.name !== CACHED);
  const typename = [{ path: '/graphql', body: JSON.stringify({ query: '{ __typename }' }) }];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const peer of [...graphqlPeers, ...peers.filter((candidate) => candidate.name === 'P0')]) {
      // P0's front page stands beside them, measured in the same rounds.
      const result =
        peer.kind === 'p0'
          ? await load(peer, 'front', variablesOf(peer).front, settings.seconds)
          : await loadBodies(peer, typename, settings.seconds);
      pipeline[peer.name] = [...(pipeline[peer.name] ?? []), result.requests.average];
    }
  }
  log(
    `pipeline only ({ __typename }), req/s: ${JSON.stringify(Object.fromEntries(Object.entries(pipeline).map(([name, values]) => [name, Math.round(stat(values).median)])))}`,
  );

  // ---- Latency at a fixed request rate, front page.
  const latency: Record<string, { p50: number; p99: number; achieved: number; load: LoadWindow }> = {};
  for (const peer of peers) {
    log(`front page at ${settings.rate} req/s: ${peer.name}`);
    const window = await loadWindow(knownPids);
    const result = await load(peer, 'front', variablesOf(peer).front, settings.latencySeconds, settings.rate);
    latency[peer.name] = {
      p50: result.latency.p50,
      p99: result.latency.p99,
      achieved: result.requests.average,
      load: await window.end(),
    };
  }
  // The same rate open loop (bench/open-loop.ts): each request due at its time, queueing counted.
  const openLoopLatency: Record<string, OpenLoopResult & { load: LoadWindow }> = {};
  for (const peer of peers) {
    log(`front page at ${settings.rate} req/s, open loop: ${peer.name}`);
    const window = await loadWindow(knownPids);
    const result = await openLoop({
      url: peer.url,
      bodies: variablesOf(peer).front.map((variables) => requestFor(peer.kind, 'front', variables)),
      rate: settings.rate,
      seconds: settings.latencySeconds,
      connections: settings.connections,
    });
    openLoopLatency[peer.name] = { ...result, load: await window.end() };
  }
  await monitor.end();
  const rss = Object.fromEntries(peers.map((peer) => [peer.name, rssMegabytes(peer.pid)]));

  // ---- Report
  const stats = Object.fromEntries(
    OPERATIONS.map((operation) => [
      operation,
      Object.fromEntries(
        peers
          .filter((peer) => measures(peer, operation))
          .map((peer) => [peer.name, stat(throughput[operation]?.[peer.name] ?? [])]),
      ),
    ]),
  ) as Record<OperationName, Record<string, Stat>>;
  // A miss sends the front page's statements; a hit sends none.
  const frontStatements = checks.front?.Lede?.statements ?? 1;
  const cachedFront = {
    ...cachedCounts,
    hitRatio: cachedCounts.requests ? 1 - cachedCounts.statements / frontStatements / cachedCounts.requests : null,
    ttlMs: parseConfig({ NODE_ENV: 'production' }).responseCache?.ttlMs ?? 0,
  };
  const result = {
    date: new Date().toISOString(),
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    mode: quick ? 'quick' : 'full',
    dataset: {
      postgres: { size, ...DATASETS[size], ...postgres.load },
      pglite: { size: 'S', ...DATASETS.S, ...embedded.load },
    },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtEnd: os.loadavg(),
    },
    node: process.version,
    peerNode: execFileSync(NODE_22, ['--version']).toString().trim(),
    postgres: await serverVersion(postgres.url),
    gitCommit: execSync('git rev-parse HEAD', { cwd: projectRoot }).toString().trim(),
    gitDirty: execSync('git status --porcelain -- src', { cwd: projectRoot }).toString().trim() !== '',
    ...(baselineRoot ? { baseline: { root: baselineRoot, gitCommit: gitCommitOf(baselineRoot) } } : {}),
    settings,
    throughput: stats,
    cpuMsPerRequest: Object.fromEntries(
      OPERATIONS.map((operation) => [
        operation,
        Object.fromEntries(
          peers
            .filter((peer) => measures(peer, operation))
            .map((peer) => [peer.name, stat(cpuMs[operation]?.[peer.name] ?? [])]),
        ),
      ]),
    ) as Record<OperationName, Record<string, Stat>>,
    rounds,
    throughputLoad,
    otherLoadThresholdCores: OTHER_LOAD_CORES,
    latencyFrontPage: latency,
    latencyFrontPageOpenLoop: openLoopLatency,
    checks,
    mismatchExamples,
    emptyReferenceAnswers: empty,
    failedRequests: failures,
    rssMB: rss,
    cachedFront,
    pipelineOnly: Object.fromEntries(Object.entries(pipeline).map(([name, values]) => [name, stat(values)])),
  };
  const markdown = report(result);
  console.log(`\n${markdown}`);
  mkdirSync(path.join(benchRoot, 'results'), { recursive: true });
  const file = path.join(benchRoot, 'results', `${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  if (!baselineRoot) writeFileSync(path.join(benchRoot, 'RESULTS.md'), resultsPage(markdown, result));
  // In the project's own format, so `npm run check` (Biome) passes with them committed.
  execFileSync(
    path.join(projectRoot, 'node_modules/.bin/biome'),
    ['format', '--write', file, ...(baselineRoot ? [] : [path.join(benchRoot, 'RESULTS.md')])],
    {
      cwd: projectRoot,
      stdio: 'ignore',
    },
  );
  log(`wrote ${path.relative(projectRoot, file)}${baselineRoot ? '' : ' and bench/RESULTS.md'}`);
  for (const copy of embedded.copies) rmSync(copy, { recursive: true, force: true });
} finally {
  await Promise.all(peers.map((peer) => peer.stop()));
  server.stop();
}

/** The commit a checkout is at: from git when it is a repository, else from a COMMIT file beside its src/. */
function gitCommitOf(root: string): string {
  try {
    return execSync('git rev-parse HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return existsSync(path.join(root, 'COMMIT')) ? readFileSync(path.join(root, 'COMMIT'), 'utf8').trim() : 'unknown';
  }
}

async function serverVersion(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  await client.end();
  return String(rows[0]?.server_version);
}

type Result = {
  command: string;
  date: string;
  throughput: Record<OperationName, Record<string, Stat>>;
  cpuMsPerRequest: Record<OperationName, Record<string, Stat>>;
  rounds: (LoadWindow & { round: number })[];
  throughputLoad: Record<string, Record<string, LoadWindow[]>>;
  latencyFrontPage: Record<string, { p50: number; p99: number; achieved: number; load: LoadWindow }>;
  latencyFrontPageOpenLoop: Record<string, OpenLoopResult & { load: LoadWindow }>;
  checks: Record<string, Record<string, { statements: number; bytes: number; mismatches: number }>>;
  rssMB: Record<string, number>;
  failedRequests: Record<string, number>;
  cachedFront: { requests: number; statements: number; hitRatio: number | null; ttlMs: number };
  pipelineOnly: Record<string, Stat>;
};

function report(result: Result): string {
  const names = Object.keys(result.rssMB);
  // With --baseline, one more ratio: this checkout's Lede over the baseline's, same rounds.
  const versus = names.includes(BASELINE);
  const rate = (value: Stat | undefined) =>
    value ? `${value.median.toFixed(0)} (${value.min.toFixed(0)}–${value.max.toFixed(0)})` : '–';
  const ratio = (a: Stat | undefined, b: Stat | undefined) => (a && b?.median ? (a.median / b.median).toFixed(2) : '–');
  const cores = (value: number | null | undefined) =>
    value == null ? '–' : `${value.toFixed(2)}${value >= OTHER_LOAD_CORES ? ' ⚠' : ''}`;
  // Other processes' CPU during one operation's measurements of one round, averaged over its peers.
  const otherLoad = (operation: OperationName, round: number) => {
    const windows = names.map((name) => result.throughputLoad[operation]?.[name]?.[round]).filter(Boolean);
    const values = windows.map((window) => window?.foreignCores).filter((value) => value != null) as number[];
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  };
  const roundNumbers = result.rounds.map((round) => round.round - 1);
  const flagged = result.rounds.filter((round) => (round.foreignCores ?? 0) >= OTHER_LOAD_CORES);
  const lines = [
    `Throughput in requests/s: median of ${settings.rounds} interleaved rounds (range); ratios of medians. The last column is`,
    `the CPU other processes used while that row was measured, in cores of ${os.cpus().length}, per round; ⚠ marks ${OTHER_LOAD_CORES} or more.`,
    '',
    `| Operation | ${names.join(' | ')} | Lede / P0 | Lede / PostGraphile | Lede PGlite / P0 PGlite |${versus ? ' Lede / baseline |' : ''} Other CPU per round |`,
    `|---|${names.map(() => '---:').join('|')}|---:|---:|---:|${versus ? '---:|' : ''}---:|`,
    ...OPERATIONS.map((operation) => {
      const row = result.throughput[operation];
      return `| ${LABELS[operation]} | ${names.map((name) => rate(row[name])).join(' | ')} | ${ratio(row.Lede, row.P0)} | ${ratio(row.Lede, row.PostGraphile)} | ${ratio(row['Lede PGlite'], row['P0 PGlite'])} |${versus ? ` ${ratio(row.Lede, row[BASELINE])} |` : ''} ${roundNumbers.map((round) => cores(otherLoad(operation, round))).join(' / ')} |`;
    }),
    '',
    result.cachedFront.hitRatio === null
      ? ''
      : `${CACHED}: the front page with the response cache at its default TTL (${result.cachedFront.ttlMs / 1000} s), the same seeded variables; ${(100 * result.cachedFront.hitRatio).toFixed(1)} % of its ${result.cachedFront.requests} requests were hits (statements sent / statements a miss sends). Cached / P0: ${ratio(result.throughput.front[CACHED], result.throughput.front.P0)}; it stays out of the columns above because the other peers cache nothing.`,
    '',
    `Request pipeline only: \`{ __typename }\` (no data read) in req/s, beside P0's front page, ${settings.rounds} interleaved rounds: ${Object.entries(
      result.pipelineOnly,
    )
      .map(([name, value]) => `${name} ${name === 'P0' ? 'front page ' : ''}${rate(value)}`)
      .join('; ')}. No page of a gateway is served faster than its empty request.`,
    '',
    "CPU per request in ms (the peer process, plus the bench database's PostgreSQL backends for the PostgreSQL peers), median of",
    'the rounds; the ratios are the other way round (P0 ms / Lede ms), so below 1 means Lede spends more. The load',
    'generator is not counted. This depends far less than requests/s on the CPU other processes leave.',
    '',
    `| Operation | ${names.join(' | ')} | P0 / Lede | PostGraphile / Lede | P0 PGlite / Lede PGlite |${versus ? ' baseline / Lede |' : ''}`,
    `|---|${names.map(() => '---:').join('|')}|---:|---:|---:|${versus ? '---:|' : ''}`,
    ...OPERATIONS.map((operation) => {
      const row = result.cpuMsPerRequest[operation];
      const ms = (value: Stat | undefined) => (value ? value.median.toFixed(2) : '–');
      return `| ${LABELS[operation]} | ${names.map((name) => ms(row[name])).join(' | ')} | ${ratio(row.P0, row.Lede)} | ${ratio(row.PostGraphile, row.Lede)} | ${ratio(row['P0 PGlite'], row['Lede PGlite'])} |${versus ? ` ${ratio(row[BASELINE], row.Lede)} |` : ''}`;
    }),
    '',
    `Rounds: 1-minute load average at start → end, and CPU of other processes over the round (cores of ${os.cpus().length}).`,
    `${flagged.length ? `Rounds with other load: ${flagged.map((round) => round.round).join(', ')}.` : 'No round had other load.'}`,
    '',
    '| Round | Seconds | Load average | Busy, all processes | Bench (load generator, peers, PostgreSQL backends) | Other processes |',
    '|---:|---:|---:|---:|---:|---:|',
    ...result.rounds.map(
      (round) =>
        `| ${round.round} | ${round.seconds.toFixed(0)} | ${round.loadAverage.map((value) => value.toFixed(2)).join(' → ')} | ${round.busyCores?.toFixed(2) ?? '–'} | ${round.knownCores?.toFixed(2) ?? '–'} | ${cores(round.foreignCores)} |`,
    ),
    '',
    "SQL statements per request (each peer's own count) and response bytes, averaged over the checked requests:",
    '',
    `| Operation | ${names.map((name) => `${name} stmts / bytes`).join(' | ')} | Same data |`,
    `|---|${names.map(() => '---:').join('|')}|---|`,
    ...OPERATIONS.map((operation) => {
      const row = result.checks[operation] ?? {};
      const same = Object.values(row).every((check) => check.mismatches === 0)
        ? 'yes'
        : `NO: ${Object.entries(row)
            .filter(([, check]) => check.mismatches)
            .map(([name, check]) => `${name} ${check.mismatches}`)
            .join(', ')}`;
      return `| ${LABELS[operation]} | ${names.map((name) => (row[name] ? `${row[name].statements.toFixed(1)} / ${row[name].bytes}` : '–')).join(' | ')} | ${same} |`;
    }),
    '',
    `Front page at a fixed ${settings.rate} req/s (${settings.connections} connections): latency p50 / p99 in ms (achieved req/s), open loop (each request due at its time, queueing counted) and autocannon's (bursts: each connection sends back to back until it has made its share of the second); RSS after the run:`,
    '',
    `| | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
    `| Open loop p50 / p99 ms | ${names.map((name) => openLoopCell(result.latencyFrontPageOpenLoop?.[name])).join(' | ')} |`,
    `| Other CPU, cores | ${names.map((name) => cores(result.latencyFrontPageOpenLoop?.[name]?.load.foreignCores)).join(' | ')} |`,
    `| autocannon p50 / p99 ms | ${names.map((name) => `${result.latencyFrontPage[name]?.p50} / ${result.latencyFrontPage[name]?.p99} (${result.latencyFrontPage[name]?.achieved.toFixed(0)})`).join(' | ')} |`,
    `| Other CPU, cores | ${names.map((name) => cores(result.latencyFrontPage[name]?.load.foreignCores)).join(' | ')} |`,
    `| RSS MB | ${names.map((name) => result.rssMB[name]?.toFixed(0)).join(' | ')} |`,
    `| Failed requests | ${names.map((name) => result.failedRequests[name] ?? 0).join(' | ')} |`,
  ];
  return lines.join('\n');
}

function openLoopCell(result: (OpenLoopResult & { load: LoadWindow }) | undefined): string {
  if (!result) return '–';
  const failed = result.errors ? `, ${result.errors} failed` : '';
  return `${result.latency.p50} / ${result.latency.p99} (${result.achieved.toFixed(0)}${failed})`;
}

function resultsPage(markdown: string, result: Record<string, unknown>): string {
  const previous = existsSync(path.join(benchRoot, 'RESULTS.md'))
    ? readFileSync(path.join(benchRoot, 'RESULTS.md'), 'utf8')
    : '';
  const notes = /<!-- notes -->[\s\S]*$/.exec(previous)?.[0] ?? '<!-- notes -->\n';
  return `# Benchmark results

Latest run: \`${String(result.command)}\` on ${String(result.date)}, commit ${String(result.gitCommit).slice(0, 10)}${result.gitDirty ? ' (src/ had uncommitted changes)' : ''}.
Peers (P0, PostGraphile, Lede) on Node ${String(result.peerNode)}, the load generator on ${String(result.node)}; PostgreSQL ${String(result.postgres)},
${JSON.stringify(result.machine)}. Full figures: \`bench/results/\`.
Datasets (load time only when this run loaded them; otherwise reused): ${JSON.stringify(result.dataset)}.

${markdown}

${notes}`;
}
