import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgliteFolder, freshPostgresDatabase } from '../bench/database.ts';
import { aliased, TEN_WORD_SEARCH, WORST_CASE_FIELDS } from '../bench/operations/worst-case.ts';
import { createApiKey } from '../src/api-keys/keys.ts';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { runningGateway } from '../src/db/gateway-lock.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { CLIENT_CODES, hostile } from './support/hostile-requests.ts';
import { multipartUploadHead } from './support/images.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { bySize, fullSize } from './support/size.ts';

// Issue 21, "Done when": every attack class of the issue against one production server process
// over real sockets, with /health probed and the process's memory read throughout. The in-process
// tests of each fix (hostile, hostile-inputs, cache-budget, upload-gate, rate-limit-counts,
// hardening-small, limits, pglite-turns) say why each answer is what it is; this file proves they
// hold together, on a real server, under production defaults.

// Fixed seed: a failure names its case and replays the same way.
const SEED = 20261205;
const SIZE = bySize(
  {
    dataset: 'sample content',
    repeats: 1,
    concurrent: 2,
    uploads: 3,
    editorUploads: 5,
    inputRounds: 1,
    generated: 150,
  },
  { dataset: 'dataset S', repeats: 3, concurrent: 4, uploads: 10, editorUploads: 8, inputRounds: 5, generated: 2_000 },
);
/** What the issue asks of /health while any allowed request runs. */
const HEALTH_BOUND_MS = 1_000;
/**
 * Growth of the server's resident memory, from before the first attack to its highest sample: a
 * few of the largest allowed responses built at once, and bounded upload bodies. Before the fixes
 * one class alone took the process to gigabytes (or out of memory).
 */
const RSS_GROWTH_BOUND_MB = 1_024;
const HEALTH_PROBE_EVERY_MS = 100;
/** Full size on dataset S sends each worst case several times; each may run up to the request timeout. */
const TEST_TIMEOUT_MS = bySize(60_000, 900_000);
const RSS_SAMPLE_EVERY_MS = 200;
const MEGABYTE = 1024 * 1024;
/** A little over the default LEDE_MEDIA_MAX_BYTES (20 MiB) and its multipart allowance. */
const OVER_UPLOAD_LIMIT_BYTES = 21 * MEGABYTE;
const UPLOAD_BYTES = 20 * MEGABYTE - 64 * 1024;
const BOUNDARY = 'lede-hostile-battery';
/** How long an upload waits after its first chunk for a refusal before it sends the rest. */
const REFUSAL_WAIT_MS = 1_000;
/** The documented 503s (docs/operations.md "Limits and security"): anything else at 5xx is a failure. */
const DOCUMENTED_503_CODES = ['REQUEST_TIMEOUT', 'UPLOADS_BUSY'];
/** The production defaults of the rate limits, as src/config.ts reads them from an empty environment. */
const productionRateLimit = parseConfig({ NODE_ENV: 'production' }).rateLimit;
if (!productionRateLimit) throw new Error('rate limits are off by default');
const { anonymous: ANONYMOUS_BUDGET, invalidKeys: INVALID_KEY_BUDGET, keyed: KEYED_BUDGET } = productionRateLimit;
/** Refusals of a query's shape: a larger alias count is refused with one of these, a smaller one may pass. */
const SHAPE_LIMIT_CODES = ['QUERY_TOO_COSTLY', 'QUERY_TOO_MANY_TOKENS', 'QUERY_TOO_MANY_ALIASES', 'QUERY_TOO_DEEP'];
const MAX_ALIASES = 30;

type Answer = { status: number; code?: string; text: string; headers: Headers };
type ClassStats = {
  name: string;
  requests: number;
  statuses: Map<string, number>;
  healthMaxMs: number;
  slowestAnswerMs: number;
  largestAnswerBytes: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
};
type Violation = { where: string; status: number | string; excerpt: string };

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const nested = (depth: number, open: string, close: string, inner: string) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const articlesWith = (args: string) => `{ articles(${args}) { edges { node { id } } } }`;
const personIds = (count: number) => Array.from({ length: count }, (_, i) => base64(`Person:${i + 1}`));
const deepVariable = (depth: number) => `{"query":"{ __typename }","variables":{"x":${nested(depth, '[', ']', '')}}}`;
const jsonBody = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
function worstCase(name: string): (alias: string) => string {
  const field = WORST_CASE_FIELDS[name];
  if (!field) throw new Error(`no worst-case operation ${name}`);
  return field;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fixed repros of issue 21, item 6, each a raw request body. */
const INPUT_REPROS: Record<string, string> = {
  'variables nested 5,000 deep': deepVariable(5_000),
  'a list literal 2,000 deep': jsonBody(`{ nodes(ids: ${nested(2_000, '[', ']', '"x"')}) { id } }`),
  'an object literal 2,000 deep': jsonBody(
    `{ articles(filter: ${nested(2_000, '{ language: ', ' }', '"en"')}) { totalCount } }`,
  ),
  'an object literal 1,000 deep': jsonBody(
    `{ articles(filter: ${nested(1_000, '{ language: ', ' }', '"en"')}) { totalCount } }`,
  ),
  'a selection set 2,000 deep': jsonBody(`{ ${nested(2_000, 'sections { ', ' }', 'name')} }`),
  'a selection set 1,500 deep': jsonBody(`{ ${nested(1_500, 'sections { ', ' }', 'name')} }`),
  'a global id above 2^31-1': jsonBody(`{ node(id: "${base64('Person:3000000000')}") { id } }`),
  'an id list entry above 2^31-1': jsonBody(
    articlesWith(`filter: { mentionedPeople: ["${base64('Person:2147483648')}"] }`),
  ),
  'an id cursor above 2^31-1': jsonBody(`{ people(after: "${base64('GPC:N:3000000000')}") { edges { node { id } } } }`),
  'a keyset cursor with an id above 2^31-1': jsonBody(
    articlesWith(`after: "${base64url('A1:["NEWEST_FIRST","2026-01-01T00:00:00.000Z",3000000000]')}"`),
  ),
  'a NUL byte in a slug': jsonBody('{ article(slug: "a\\u0000b") { id } }'),
  'a NUL byte in a people search': jsonBody('{ people(search: "el\\u0000na") { edges { node { id } } } }'),
  'a NUL byte in a language variable': jsonBody(
    'query ($language: String) { articles(filter: { language: $language }) { totalCount } }',
    { language: 'e\u0000n' },
  ),
  'a NUL byte in a string literal': jsonBody('{ route(path: "/world/\\u0000") { __typename } }'),
  'updatedSince 0000-01-01': jsonBody(articlesWith('filter: { updatedSince: "0000-01-01T00:00:00Z" }')),
  'a keyset cursor in year 275760': jsonBody(
    articlesWith(`after: "${base64url('A1:["NEWEST_FIRST","+275760-09-13T00:00:00.000Z",1]')}"`),
  ),
  'a keyset cursor in year -271821': jsonBody(
    articlesWith(
      `orderBy: UPDATED_OLDEST_FIRST, after: "${base64url('A1:["UPDATED_OLDEST_FIRST","-271821-04-20T00:00:00.000Z",1]')}"`,
    ),
  ),
  'filter.mentionedPeople with 60,000 ids': jsonBody(
    'query ($people: [ID!]) { articles(filter: { mentionedPeople: $people }) { totalCount } }',
    { people: personIds(60_000) },
  ),
};

/** Generated variants of the same inputs: depths, ids, dates and NUL bytes at random. */
const generatedInput: fc.Arbitrary<{ label: string; body: string }> = fc.oneof(
  fc.integer({ min: 33, max: 8_000 }).map((depth) => ({ label: `variables ${depth} deep`, body: deepVariable(depth) })),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }).map((id) => ({
    label: `global id ${id}`,
    body: jsonBody(`{ node(id: "${base64(`Article:${id}`)}") { id } }`),
  })),
  fc
    .integer({ min: -271_821, max: 275_760 })
    .filter((year) => year < 1 || year > 9999)
    .map((year) => ({
      label: `updatedSince in year ${year}`,
      body: jsonBody('query ($since: DateTime) { articles(filter: { updatedSince: $since }) { totalCount } }', {
        since: `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}-01-01T00:00:00Z`,
      }),
    })),
  fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([before, after]) => ({
    label: 'NUL in a slug',
    body: jsonBody('query ($slug: String!) { article(slug: $slug) { id } }', { slug: `${before}\u0000${after}` }),
  })),
);

/** Over-limit shapes of issue 21, item 4, with the code each must be refused with. */
const COSTLY: Record<string, { query: string; code: string }> = {
  'nested co-mentions at 50': {
    query:
      '{ organizations(first: 1) { edges { node { coMentionedPeople(first: 50) { person { coMentionedOrganizations(first: 50) { organization { coMentionedPeople(first: 50) { person { name } } } } } } } } } }',
    code: 'QUERY_TOO_COSTLY',
  },
  'an 11-word search': {
    query: `{ search(query: "${TEN_WORD_SEARCH} OR river", first: 20) { totalCount } }`,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  '30 aliased 24-word searches with highlights': {
    query: aliased(
      (alias) =>
        `${alias}: search(query: "${`${TEN_WORD_SEARCH} OR ${TEN_WORD_SEARCH} OR river OR sea OR road OR rail`}", first: 20) { totalCount edges { headline { html } snippet { html } } }`,
      30,
      'issue',
    ),
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  '30 aliased facets': { query: aliased(worstCase('facetsOfEverything'), 30, 'issue'), code: 'QUERY_TOO_COSTLY' },
  '100 articles with related(first: 20) and co-mentions (first: 50) each': {
    query:
      '{ articles(first: 100) { edges { node { related(first: 20) { headline } coMentions: mentionedPeople { person { coMentionedPeople(first: 50) { person { name } } } } } } } }',
    code: 'QUERY_TOO_COSTLY',
  },
};

/** Probes /health and reads the server's VmRSS in a thread of its own, so this file's own work cannot delay them. */
const MONITOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { url, pid, probeEveryMs, rssEveryMs } = workerData;
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30000) });
      status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      status = String(error && error.name);
    }
    parentPort.postMessage({ health: performance.now() - started, status });
    await new Promise((resolve) => setTimeout(resolve, probeEveryMs));
  }
  parentPort.postMessage({ done: true });
})();
const rss = setInterval(() => {
  try {
    const kb = Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
    parentPort.postMessage({ rssMb: kb / 1024 });
  } catch {
    parentPort.postMessage({ rssMb: -1 });
  }
  if (!running) clearInterval(rss);
}, rssEveryMs);
`;

describe(`hostile battery over HTTP, production defaults, ${bySize('small', 'full')} (${databaseKind}, ${SIZE.dataset})`, () => {
  let server: ServerProcess;
  let base: string;
  let cleanup: () => Promise<void> = async () => {};
  let monitor: Worker;
  let monitorDone: Promise<void>;
  let readerKey: string;
  let editorKey: string;
  const stats: ClassStats[] = [];
  const violations: Violation[] = [];
  const healthFailures: string[] = [];
  let healthProbes = 0;
  let healthMaxMs = 0;
  let rssNowMb = 0;
  let rssBaselineMb = 0;
  let rssPeakMb = 0;
  let current: ClassStats | undefined;
  const slowBody = { response: '', respondedAt: 0, closedAt: 0 };
  const largestAllowed = new Map<string, number>();

  beforeAll(async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'lede-battery-'));
    const dataDir = path.join(folder, 'data');
    let env: Record<string, string>;
    let dropDatabase = async () => {};
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl && fullSize) {
      const name = `lede_battery_s_${randomBytes(4).toString('hex')}`;
      env = { DATABASE_URL: (await freshPostgresDatabase(serverUrl, name, 'S')).url };
      dropDatabase = async () => {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    } else if (serverUrl) {
      const database = await createTestDatabase();
      env = { DATABASE_URL: database.databaseUrl ?? '' };
      dropDatabase = database.drop;
    } else {
      if (fullSize) await freshPgliteFolder(dataDir, 'S');
      env = { LEDE_DATA_DIR: dataDir };
    }
    server = await startServerProcess({
      ...env,
      NODE_ENV: 'production',
      LEDE_LOG_FORMAT: 'json',
      // Each class sends from addresses of its own (as a proxy would write them), so one class's
      // spending cannot refuse another's requests; the rate-limit class spends one address's budgets.
      LEDE_TRUST_PROXY: 'true',
    });
    base = server.url.replace(/\/graphql$/, '');
    cleanup = async () => {
      await server?.stop();
      await dropDatabase();
      await rm(folder, { recursive: true, force: true });
    };
    [readerKey, editorKey] = [await makeKey(env, 'READER'), await makeKey(env, 'EDITOR')];

    monitor = new Worker(MONITOR, {
      eval: true,
      workerData: {
        url: `${base}/health`,
        pid: server.pid,
        probeEveryMs: HEALTH_PROBE_EVERY_MS,
        rssEveryMs: RSS_SAMPLE_EVERY_MS,
      },
    });
    monitorDone = new Promise((resolve) => {
      monitor.on('message', (message: { health?: number; status?: number | string; rssMb?: number; done?: true }) => {
        if (message.done) resolve();
        if (message.health !== undefined) {
          healthProbes += 1;
          healthMaxMs = Math.max(healthMaxMs, message.health);
          if (current) current.healthMaxMs = Math.max(current.healthMaxMs, message.health);
          if (message.status !== 200) healthFailures.push(`${current?.name ?? 'between classes'}: ${message.status}`);
        }
        if (message.rssMb !== undefined && message.rssMb > 0) {
          rssNowMb = message.rssMb;
          rssPeakMb = Math.max(rssPeakMb, rssNowMb);
          if (current) current.rssPeakMb = Math.max(current.rssPeakMb, rssNowMb);
        }
      });
    });
    for (let waited = 0; rssNowMb === 0 && waited < 10_000; waited += 50) await sleep(50);
    if (rssNowMb === 0) throw new Error(`no VmRSS read for process ${server.pid}`);
    rssBaselineMb = rssNowMb;
    startSlowBody();
  }, 1_800_000);

  afterAll(async () => {
    if (monitor) {
      monitor.postMessage('stop');
      await Promise.race([monitorDone, sleep(35_000)]);
      await monitor.terminate();
    }
    await cleanup();
  });

  /** A key of `role`: through the running gateway's local token on PGlite, in the database on PostgreSQL. */
  async function makeKey(env: Record<string, string>, role: 'READER' | 'EDITOR'): Promise<string> {
    if (env.DATABASE_URL) {
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: 'memory://' });
      try {
        return (await createApiKey(database, { name: `battery ${role}`, role })).secret;
      } finally {
        await database.close();
      }
    }
    const gateway = await runningGateway(env.LEDE_DATA_DIR ?? '');
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${gateway?.token}`,
        'x-forwarded-for': '10.255.0.1',
      },
      body: jsonBody(
        'mutation ($name: String!, $role: ApiKeyRole!) { createApiKey(name: $name, role: $role) { secret } }',
        {
          name: `battery ${role}`,
          role,
        },
      ),
    });
    const body = (await response.json()) as { data?: { createApiKey: { secret: string } } };
    const secret = body.data?.createApiKey.secret;
    if (!secret) throw new Error(`no ${role} key: ${JSON.stringify(body)}`);
    return secret;
  }

  /** Promises a 10 kB body, sends a space every 200 ms, and notes when the 503 comes and when the socket closes. */
  function startSlowBody() {
    const { hostname, port } = new URL(base);
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      slowBody.response += chunk.toString('latin1');
      slowBody.respondedAt ||= performance.now();
    });
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    socket.once('close', () => {
      slowBody.closedAt = performance.now();
      clearInterval(trickle);
    });
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: lede.test\r\nContent-Type: application/json\r\nX-Forwarded-For: 10.254.0.1\r\nContent-Length: 10000\r\n\r\n{"query":',
    );
  }

  function begin(name: string): ClassStats {
    const entry: ClassStats = {
      name,
      requests: 0,
      statuses: new Map(),
      healthMaxMs: 0,
      slowestAnswerMs: 0,
      largestAnswerBytes: 0,
      rssStartMb: rssNowMb,
      rssPeakMb: rssNowMb,
      rssEndMb: rssNowMb,
    };
    stats.push(entry);
    current = entry;
    return entry;
  }

  function end(entry: ClassStats) {
    entry.rssEndMb = rssNowMb;
    current = undefined;
  }

  /** Each class's n-th request comes from its own address, a new one every 100 requests. */
  function addressOf(entry: ClassStats): string {
    const block = Math.floor(entry.requests / 100);
    return `10.${stats.indexOf(entry) + 1}.${(block >> 8) & 255}.${block & 255}`;
  }

  /** Counts an answer in its class, and notes any "Unexpected error" or undocumented 5xx. */
  function record(entry: ClassStats, label: string, answer: { status: number | string; code?: string; text: string }) {
    entry.requests += 1;
    const key = `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    entry.statuses.set(key, (entry.statuses.get(key) ?? 0) + 1);
    const where = `${entry.name}: ${label}`;
    if (typeof answer.status === 'string') {
      violations.push({ where, status: answer.status, excerpt: answer.text.slice(0, 300) });
      return;
    }
    if (answer.text.includes('Unexpected error')) {
      violations.push({ where, status: answer.status, excerpt: answer.text.slice(0, 300) });
    } else if (answer.status >= 500 && !(answer.status === 503 && DOCUMENTED_503_CODES.includes(answer.code ?? ''))) {
      violations.push({ where, status: answer.status, excerpt: answer.text.slice(0, 300) });
    }
  }

  function codeOf(text: string): string | undefined {
    // The largest answers are tens of megabytes of data; their code (if any) is not needed.
    if (text.length > 4 * MEGABYTE) return undefined;
    try {
      const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      return body.errors?.[0]?.extensions?.code;
    } catch {
      return undefined;
    }
  }

  async function send(
    entry: ClassStats,
    label: string,
    target: string,
    init: RequestInit = {},
    address = addressOf(entry),
  ): Promise<Answer> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', address);
    if (init.method === 'POST' && !headers.has('accept')) headers.set('accept', 'application/graphql-response+json');
    try {
      const started = performance.now();
      const response = await fetch(target.startsWith('http') ? target : `${base}${target}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(120_000),
      });
      const text = await response.text();
      entry.slowestAnswerMs = Math.max(entry.slowestAnswerMs, performance.now() - started);
      entry.largestAnswerBytes = Math.max(entry.largestAnswerBytes, text.length);
      const answer = { status: response.status, code: codeOf(text), text, headers: response.headers };
      record(entry, label, answer);
      return answer;
    } catch (error) {
      const failure = { status: `fetch failed: ${(error as Error).cause ?? (error as Error).message}`, text: '' };
      record(entry, label, failure);
      return { status: 0, text: '', headers: new Headers() };
    }
  }

  const postBody = (
    entry: ClassStats,
    label: string,
    body: string,
    headers: Record<string, string> = {},
    address?: string,
  ) =>
    send(
      entry,
      label,
      '/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
      address,
    );

  /** The most aliases of `field` the production limits accept (trying 30 down), and the answer at that count. */
  async function largest(entry: ClassStats, name: string): Promise<number> {
    const known = largestAllowed.get(name);
    if (known !== undefined) return known;
    const field = worstCase(name);
    for (let count = MAX_ALIASES; count > 0; count--) {
      const answer = await postBody(
        entry,
        `${name} × ${count} (probe)`,
        jsonBody(aliased(field, count, `probe ${name}`)),
      );
      if (!(answer.status === 400 && SHAPE_LIMIT_CODES.includes(answer.code ?? ''))) {
        largestAllowed.set(name, count);
        return count;
      }
    }
    largestAllowed.set(name, 0);
    return 0;
  }

  /**
   * A multipart upload streamed over its own raw socket; stops sending as soon as the answer comes.
   * Raw, because a server that refuses a body answers and closes while the client is still writing:
   * Node's HTTP client then reports the write error (EPIPE) and drops the answer it had received.
   */
  function streamUpload(
    entry: ClassStats,
    label: string,
    options: { bytes: number; authorization?: string; csrf?: boolean; chunked?: boolean },
  ): Promise<{ status: number | string; code?: string; sentBytes: number }> {
    const { hostname, port } = new URL(base);
    const head = multipartUploadHead(BOUNDARY);
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const length = head.length + options.bytes + tail.length;
    const address = addressOf(entry);
    const headers = [
      'POST /graphql HTTP/1.1',
      `host: ${hostname}:${port}`,
      `content-type: multipart/form-data; boundary=${BOUNDARY}`,
      `x-forwarded-for: ${address}`,
      ...(options.csrf === false ? [] : ['x-graphql-yoga-csrf: 1']),
      ...(options.authorization ? [`authorization: ${options.authorization}`] : []),
      options.chunked ? 'transfer-encoding: chunked' : `content-length: ${length}`,
      'connection: close',
    ];
    return new Promise((resolve) => {
      let answered = false;
      let sentBytes = 0;
      let received = Buffer.alloc(0);
      const socket = connect({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port: Number(port) });
      const finish = (status: number | string, text: string) => {
        if (answered) return;
        answered = true;
        const code = codeOf(text);
        record(entry, label, { status, code, text });
        socket.destroy();
        resolve({ status, code, sentBytes });
      };
      /** The answer, once all of it has come: status and body (chunked bodies unframed). */
      const answer = (complete: boolean): { status: number; text: string } | undefined => {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return undefined;
        const head = received.subarray(0, end).toString('latin1');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
        const body = received.subarray(end + 4);
        const declared = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
        if (declared !== undefined) {
          return body.length >= Number(declared) ? { status, text: body.toString() } : undefined;
        }
        if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
          const raw = body.toString('latin1');
          if (!complete && !raw.endsWith('0\r\n\r\n')) return undefined;
          return { status, text: Buffer.from(raw.replace(/(^|\r\n)[0-9a-f]+\r\n/gi, ''), 'latin1').toString() };
        }
        return complete ? { status, text: body.toString() } : undefined;
      };
      socket.on('data', (part: Buffer) => {
        received = Buffer.concat([received, part]);
        const got = answer(false);
        if (got) finish(got.status, got.text);
      });
      // Write errors after a refusal are expected: the answer is what counts.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        const got = answer(true);
        if (got) finish(got.status, got.text);
        else finish('socket closed before an answer', '');
      });
      const send = (data: Uint8Array) =>
        new Promise<void>((resolve) => {
          if (answered || socket.destroyed) return resolve();
          const framed = options.chunked
            ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')])
            : data;
          if (socket.write(framed)) resolve();
          else {
            socket.once('drain', () => resolve());
            socket.once('close', () => resolve());
          }
        });
      // The first chunk, then a pause for an answer from the headers alone: a refused upload is
      // answered here.
      const pump = async () => {
        socket.write(`${headers.join('\r\n')}\r\n\r\n`);
        await send(head);
        await send(chunk);
        sentBytes += chunk.length;
        for (let waited = 0; !answered && waited < REFUSAL_WAIT_MS; waited += 50) await sleep(50);
        while (!answered && !socket.destroyed && sentBytes < options.bytes) {
          const part = chunk.subarray(0, Math.min(chunk.length, options.bytes - sentBytes));
          sentBytes += part.length;
          // No pause near the limit: a body refused mid-stream is answered and read in full
          // (src/http/node-server.ts, a lingering close).
          await send(part);
        }
        if (!answered && !socket.destroyed) {
          await send(tail);
          if (options.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
        }
      };
      pump().catch(() => undefined);
    });
  }

  const statusesOf = (entry: ClassStats) => [...entry.statuses.keys()];
  const expectOnly = (entry: ClassStats, allowed: string[]) =>
    expect(
      statusesOf(entry).filter((key) => !allowed.includes(key)),
      JSON.stringify(Object.fromEntries(entry.statuses)),
    ).toStrictEqual([]);

  /** Answered in full (200), or stopped by the request timeout (the documented 503). */
  const expectAnswered = (answers: Answer[], name = '') =>
    expect(
      answers
        .map((answer) => `${answer.status}${answer.code ? ` ${answer.code}` : ''}`)
        .filter((key) => key !== '200' && key !== '503 REQUEST_TIMEOUT'),
      name,
    ).toStrictEqual([]);

  it(
    '1a. cache and memory: the largest allowed responses, distinct, one after another',
    async () => {
      const entry = begin('1a cache/memory, one at a time');
      const count = await largest(entry, 'fullArticlePages');
      expect(count).toBeGreaterThan(0);
      const answers: Answer[] = [];
      for (let round = 0; round < SIZE.repeats * 2; round++) {
        const query = aliased(worstCase('fullArticlePages'), count, `sequential ${round}`);
        answers.push(await postBody(entry, `fullArticlePages × ${count}, round ${round}`, jsonBody(query)));
      }
      end(entry);
      expectAnswered(answers);
      expect(answers.filter((answer) => answer.status === 200).length, 'some were answered in full').toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '1b. cache and memory: the largest allowed responses, distinct, several at once',
    async () => {
      const entry = begin('1b cache/memory, at once');
      const count = await largest(entry, 'fullArticlePages');
      const answers: Answer[] = [];
      for (let round = 0; round < SIZE.repeats; round++) {
        answers.push(
          ...(await Promise.all(
            Array.from({ length: SIZE.concurrent }, (_, i) => {
              const query = aliased(worstCase('fullArticlePages'), count, `concurrent ${round} ${i}`);
              return postBody(entry, `fullArticlePages × ${count}, concurrent ${i}`, jsonBody(query));
            }),
          )),
        );
      }
      end(entry);
      expectAnswered(answers);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '2. freeze: every worst-case operation at its largest allowed size, distinct',
    async () => {
      const entry = begin('2 freeze');
      for (const name of Object.keys(WORST_CASE_FIELDS)) {
        const count = await largest(entry, name);
        expect(count, `${name} is allowed at some size`).toBeGreaterThan(0);
        const field = worstCase(name);
        const answers: Answer[] = [];
        for (let round = 0; round < SIZE.repeats; round++) {
          const salt = `${name} ${round}`;
          answers.push(
            await postBody(entry, `${name} × ${count}, round ${round}`, jsonBody(aliased(field, count, salt))),
          );
        }
        expectAnswered(answers, name);
      }
      end(entry);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '3. uploads: anonymous and readers refused before their bodies are read; editors bounded',
    async () => {
      const entry = begin('3 uploads');
      const anonymous = await Promise.all(
        Array.from({ length: SIZE.uploads }, (_, i) =>
          streamUpload(entry, `anonymous 20 MiB ${i}`, { bytes: UPLOAD_BYTES, csrf: i % 2 === 0 }),
        ),
      );
      for (const [i, answer] of anonymous.entries()) {
        expect(`${answer.status} ${answer.code}`).toBe(i % 2 === 0 ? '401 UNAUTHENTICATED' : '403 undefined');
        expect(answer.sentBytes, 'answered from the headers, before the body').toBeLessThan(UPLOAD_BYTES / 10);
      }
      const reader = await streamUpload(entry, 'reader 20 MiB', {
        bytes: UPLOAD_BYTES,
        authorization: `Bearer ${readerKey}`,
      });
      expect(`${reader.status} ${reader.code}`).toBe('403 FORBIDDEN');
      expect(reader.sentBytes).toBeLessThan(UPLOAD_BYTES / 10);
      const unknown = await streamUpload(entry, 'unknown key 20 MiB', {
        bytes: UPLOAD_BYTES,
        authorization: 'Bearer lede_not-a-real-key',
      });
      expect(`${unknown.status} ${unknown.code}`).toBe('401 UNAUTHENTICATED');
      expect(unknown.sentBytes).toBeLessThan(UPLOAD_BYTES / 10);
      // Editors' bodies are read, at most LEDE_MEDIA_MAX_CONCURRENT_UPLOADS (4) at once: 20 MiB of
      // bytes that are no image, so each read one is refused as a bad file.
      const editors = await Promise.all(
        Array.from({ length: SIZE.editorUploads }, (_, i) =>
          streamUpload(entry, `editor 20 MiB ${i}`, { bytes: UPLOAD_BYTES, authorization: `Bearer ${editorKey}` }),
        ),
      );
      end(entry);
      expect(
        editors.filter((answer) => answer.status === 503).length,
        'beyond four at once are refused',
      ).toBeGreaterThan(0);
      // A read upload is answered 200 with a ValidationError (the bytes are no image).
      expect(editors.filter((answer) => answer.status === 200).length, 'four at once are read').toBeGreaterThan(0);
      expectOnly(entry, ['401 UNAUTHENTICATED', '403', '403 FORBIDDEN', '200', '503 UPLOADS_BUSY']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '4. cost: over-limit shapes are refused before they run',
    async () => {
      const entry = begin('4 cost');
      for (let round = 0; round < SIZE.inputRounds; round++) {
        for (const [name, { query, code }] of Object.entries(COSTLY)) {
          const answer = await postBody(entry, name, jsonBody(`${query} # ${round}`));
          expect(`${answer.status} ${answer.code}`, name).toBe(`400 ${code}`);
        }
        const aliasFlood = Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(' ');
        const flood = await postBody(entry, '31 __typename aliases', jsonBody(`{ ${aliasFlood} } # ${round}`));
        expect(`${flood.status} ${flood.code}`).toBe('400 QUERY_TOO_MANY_ALIASES');
      }
      end(entry);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '6. inputs: every repro of item 6 and generated variants get a 4xx with a code',
    async () => {
      const entry = begin('6 inputs');
      for (let round = 0; round < SIZE.inputRounds; round++) {
        for (const [name, body] of Object.entries(INPUT_REPROS)) {
          const answer = await postBody(entry, name, body);
          // 4xx for a refused request; 200 with an error and no data for a field's bad argument.
          expect(answer.status, name).toBeLessThan(500);
          if (answer.status === 200) {
            const { data } = JSON.parse(answer.text) as { data: Record<string, unknown> | null };
            expect(data === null || Object.values(data).every((value) => value === null), name).toBe(true);
          }
          expect(CLIENT_CODES, `${name}: ${answer.text.slice(0, 200)}`).toContain(answer.code);
        }
      }
      for (const { label, body } of fc.sample(generatedInput, { seed: SEED, numRuns: SIZE.generated / 5 })) {
        const answer = await postBody(entry, label, body);
        expect(CLIENT_CODES, `${label}: ${answer.text.slice(0, 200)}`).toContain(answer.code);
      }
      end(entry);
    },
    TEST_TIMEOUT_MS,
  );

  it('7. smaller ones: /metrics, oversized chunked multipart, a slow body after its timeout', async () => {
    const entry = begin('7 smaller');
    const metrics = await send(entry, '/metrics without a token', '/metrics');
    expect(metrics.status).toBe(403);
    const chunked = await streamUpload(entry, 'editor, chunked, over the limit', {
      bytes: OVER_UPLOAD_LIMIT_BYTES,
      authorization: `Bearer ${editorKey}`,
      chunked: true,
    });
    expect(`${chunked.status} ${chunked.code}`).toBe('413 REQUEST_ENTITY_TOO_LARGE');
    // The request timeout (15 s by default) started with the battery.
    await expect.poll(() => slowBody.response, { timeout: 45_000, interval: 500 }).toMatch(/^HTTP\/1\.1 503/);
    expect(slowBody.response).toMatch(/REQUEST_TIMEOUT/);
    await expect.poll(() => slowBody.closedAt, { timeout: 15_000, interval: 250 }).toBeGreaterThan(0);
    entry.requests += 1;
    entry.statuses.set('503 REQUEST_TIMEOUT (slow body, then closed)', 1);
    end(entry);
  }, 120_000);

  it(
    '8. generated: the hostile requests of tests/hostile.test.ts, over HTTP',
    async () => {
      const entry = begin('8 generated');
      const cases = fc.sample(hostile, { seed: SEED, numRuns: SIZE.generated });
      for (const [index, { label, url, init }] of cases.entries()) {
        const answer = await send(
          entry,
          `case ${index} (${label})`,
          url?.replace('http://lede.test', base) ?? '/graphql',
          init,
        );
        if (answer.status === 415 && answer.text === '') continue;
        if (answer.status === 0) continue;
        let body: { data?: unknown; errors?: unknown[] } | undefined;
        try {
          body = JSON.parse(answer.text);
        } catch {
          expect.unreachable(
            `case ${index} (${label}): status ${answer.status}, not JSON: ${answer.text.slice(0, 200)}`,
          );
        }
        if (answer.status !== 200 || body?.data === null || body?.data === undefined) {
          expect(Array.isArray(body?.errors) && body.errors.length > 0, `case ${index} (${label})`).toBeTruthy();
        }
      }
      end(entry);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '5. rate limits: refused keys, one budget per key however spelled, the anonymous budget, /media',
    async () => {
      const entry = begin('5 rate limits');
      const failing = jsonBody('{ nope }');
      const refused: string[] = [];
      for (let i = 0; i < INVALID_KEY_BUDGET + 10; i++) {
        const answer = await postBody(entry, `random key ${i}`, failing, { authorization: `Bearer random-${i}` });
        refused.push(`${answer.status} ${answer.code}`);
      }
      expect(refused).toStrictEqual([
        ...Array.from({ length: INVALID_KEY_BUDGET }, () => '401 UNAUTHENTICATED'),
        ...Array.from({ length: 10 }, () => '429 RATE_LIMITED'),
      ]);

      // Unknown keys at once from one address: only the refused-key budget's worth are looked up.
      const burst = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          postBody(entry, `unknown key at once ${i}`, failing, { authorization: `Bearer lede_x${i}` }, '10.200.0.1'),
        ),
      );
      expect(burst.filter((answer) => answer.status === 401)).toHaveLength(INVALID_KEY_BUDGET);
      expect(burst.filter((answer) => answer.status === 429)).toHaveLength(200 - INVALID_KEY_BUDGET);

      // One key's budget, however its header is spelled: each spelling spends from the same count.
      const spellings = [
        `Bearer ${readerKey}`,
        `bearer  ${readerKey}`,
        `BEARER\t${readerKey}`,
        ` Bearer    ${readerKey} `,
      ];
      const remaining: number[] = [];
      for (const authorization of spellings) {
        const answer = await postBody(entry, 'reader key, spelled differently', jsonBody('{ __typename }'), {
          authorization,
        });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('ratelimit-limit')).toBe(String(KEYED_BUDGET));
        remaining.push(Number(answer.headers.get('ratelimit-remaining')));
      }
      expect(remaining.map((value) => (remaining[0] ?? 0) - value)).toStrictEqual([0, 1, 2, 3]);

      // One address's anonymous budget, spent 20 at a time, then /media and /metrics from it.
      const spender = '10.200.0.2';
      const spent: Answer[] = [];
      for (let sent = 0; sent < ANONYMOUS_BUDGET + 10; sent += 20) {
        spent.push(
          ...(await Promise.all(
            Array.from({ length: 20 }, () => postBody(entry, 'anonymous', jsonBody('{ __typename }'), {}, spender)),
          )),
        );
      }
      expect(spent.filter((answer) => answer.status === 200)).toHaveLength(ANONYMOUS_BUDGET);
      expect(spent.filter((answer) => answer.status === 429 && answer.code === 'RATE_LIMITED')).toHaveLength(
        spent.length - ANONYMOUS_BUDGET,
      );
      const media = `/media/${'ab'.repeat(32)}/original`;
      expect((await send(entry, '/media, budget spent', media, {}, spender)).status).toBe(429);
      expect((await send(entry, '/media, fresh address', media, {}, '10.200.0.3')).status).toBe(404);
      expect([403, 429]).toContain((await send(entry, '/metrics, budget spent', '/metrics', {}, spender)).status);
      end(entry);
    },
    TEST_TIMEOUT_MS,
  );

  it('ends alive and healthy, with no "Unexpected error", no undocumented 5xx, /health always fast and bounded memory', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(() => process.kill(server.pid, 0), 'the server process is alive').not.toThrow();
    const log = server.output();
    const unexpectedLines = log.split('\n').filter((line) => line.includes('"msg":"unexpected error"'));
    const table = stats.map((entry) => ({
      class: entry.name,
      requests: entry.requests,
      statuses: [...entry.statuses].map(([key, n]) => `${key} ×${n}`).join(', '),
      'slowest answer ms': Math.round(entry.slowestAnswerMs),
      'largest answer MB': Number((entry.largestAnswerBytes / MEGABYTE).toFixed(1)),
      'max /health ms': Math.round(entry.healthMaxMs),
      'RSS start MB': Math.round(entry.rssStartMb),
      'RSS peak MB': Math.round(entry.rssPeakMb),
      'RSS end MB': Math.round(entry.rssEndMb),
    }));
    console.log(
      `hostile battery (${databaseKind}, ${SIZE.dataset}): ${healthProbes} /health probes, max ${Math.round(healthMaxMs)} ms; RSS ${Math.round(rssBaselineMb)} MB at start, peak ${Math.round(rssPeakMb)} MB, now ${Math.round(rssNowMb)} MB; ${unexpectedLines.length} "unexpected error" log lines; ${violations.length} violations`,
    );
    console.table(table);
    expect(violations).toStrictEqual([]);
    expect(unexpectedLines).toStrictEqual([]);
    expect(healthFailures).toStrictEqual([]);
    expect(healthProbes).toBeGreaterThan(10);
    expect(healthMaxMs, 'the slowest /health answer, ms').toBeLessThan(HEALTH_BOUND_MS);
    expect(rssPeakMb - rssBaselineMb, 'RSS growth, MB').toBeLessThan(RSS_GROWTH_BOUND_MB);
  });
});
