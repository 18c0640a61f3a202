import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseCacheConfig } from '../src/config.ts';
import { parseConfig } from '../src/config.ts';
import { BoundedTextCache, boundedParserCaches } from '../src/guards/bounded-parse-cache.ts';
import { AutomaticPersistedQueries, sha256 } from '../src/guards/use-persisted-operations.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy, thrownBy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { redisMissing, startRedisServer } from './support/redis-server.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Budgets far below the defaults, so that a run exceeds them many times over in seconds: the
 * sample content's 100 newest article bodies are about 100 KB of JSON.
 */
const BUDGET: ResponseCacheConfig = {
  ttlMs: 60_000,
  maxEntries: 5000,
  maxBytes: 2 * 1024 * 1024,
  maxEntryBytes: 512 * 1024,
};
/**
 * Distinct responses of about 3 MB each (over the entry limit), as the report's attack sent them:
 * each kept about 4 MB of heap without a byte budget, so 30 of them grew the heap by over 100 MB.
 * With the budget none is kept; what remains is the cache's 2 MB, warm-up and the test's own logs.
 */
const OVERSIZED_REQUESTS = 30;
const HEAP_GROWTH_BOUND_MB = 40;
/**
 * Whole bodies now cost 20 each (guards/query-cost.ts), so the report's 3 MB responses exceed the
 * production cost limit; the cache must still hold its budget for any response it is handed, so
 * these gateways accept them.
 */
const LIMITS = { maxCost: 300_000 };

/** `aliases` copies of the 100 newest article bodies; the comment makes each `tag` a distinct request. */
const bodies = (aliases: number, tag: number) =>
  `# request ${tag}\n{ ${Array.from(
    { length: aliases },
    (_, i) => `a${i}: articles(first: 100) { edges { node { html markdown text paragraphs } } }`,
  ).join(' ')} }`;
const FRONT = '{ articles(first: 10) { edges { node { id slug headline } } } }';

/** Runs an anonymous query, checks it succeeded, and returns its size and how many SQL statements it sent. */
async function anonymous(lede: TestGateway, query: string) {
  lede.statements.length = 0;
  const response = await lede.gatewayResponse(query);
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(200);
  expect(JSON.parse(text).errors).toBe(undefined);
  return { bytes: text.length, statements: lede.statements.length };
}

describe(`response cache byte budget (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ responseCache: BUDGET, limits: LIMITS });
  });
  afterAll(() => lede?.close());
  const usage = () => {
    const held = lede.responseCache?.usage();
    expectTruthy(held, 'the in-memory cache reports what it holds');
    return held;
  };

  it('keeps a small response and answers its repeat without SQL', async () => {
    expect((await anonymous(lede, FRONT)).statements > 0).toBeTruthy();
    expect((await anonymous(lede, FRONT)).statements).toBe(0);
  });

  it('does not keep a response over the entry limit: its repeat runs again', async () => {
    const first = await anonymous(lede, bodies(30, 0));
    expect(first.bytes > (BUDGET.maxEntryBytes ?? 0)).toBeTruthy();
    const repeat = await anonymous(lede, bodies(30, 0));
    expect(repeat.statements > 0, 'the repeat was answered from the cache').toBeTruthy();
    expect(usage().bytes < (BUDGET.maxEntryBytes ?? 0), 'only the small response is held').toBeTruthy();
  });

  it('never holds more bytes than its budget, dropping the least recently used', async () => {
    // About 300 KB each: under the entry limit, and 40 of them are six times the budget.
    let entriesAtBudget = 0;
    for (let tag = 1; tag <= 40; tag++) {
      const { bytes } = await anonymous(lede, bodies(3, tag));
      expect(bytes < (BUDGET.maxEntryBytes ?? 0)).toBeTruthy();
      const { bytes: held, entries } = usage();
      expect(held <= (BUDGET.maxBytes ?? 0), `after ${tag} responses the cache holds ${held} bytes`).toBeTruthy();
      entriesAtBudget = entries;
    }
    expect(entriesAtBudget >= 2, `the cache kept ${entriesAtBudget} responses`).toBeTruthy();
    expect((await anonymous(lede, bodies(3, 40))).statements, 'the newest is still cached').toBe(0);
    expect((await anonymous(lede, bodies(3, 1))).statements > 0, 'the oldest was dropped').toBeTruthy();
  });

  it(`grows the heap by less than ${HEAP_GROWTH_BOUND_MB} MB over ${OVERSIZED_REQUESTS} distinct responses of megabytes`, async () => {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let tag = 1; tag <= OVERSIZED_REQUESTS; tag++) await anonymous(lede, bodies(30, 1000 + tag));
    gc();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.log(`${OVERSIZED_REQUESTS} responses of megabytes: heap growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb < HEAP_GROWTH_BOUND_MB, `heap grew ${growthMb.toFixed(1)} MB`).toBeTruthy();
  });
});

describe.skipIf(redisMissing)(`response cache in Redis, entry limit (${databaseKind})`, () => {
  let redis: { url: string; stop: () => void };
  let lede: TestGateway;
  beforeAll(async () => {
    redis = await startRedisServer();
    lede = await startTestGateway({ responseCache: { ...BUDGET, redisUrl: redis.url }, limits: LIMITS });
  });
  afterAll(async () => {
    await lede?.close();
    redis?.stop();
  });

  it('keeps a small response and not one over the entry limit', async () => {
    expect((await anonymous(lede, FRONT)).statements > 0).toBeTruthy();
    expect((await anonymous(lede, FRONT)).statements).toBe(0);
    expect((await anonymous(lede, bodies(30, 0))).statements > 0).toBeTruthy();
    expect((await anonymous(lede, bodies(30, 0))).statements > 0, 'the repeat was answered from Redis').toBeTruthy();
  });
});

describe('parse caches and automatic persisted queries bounded by bytes, not only by text', () => {
  /** Tiny distinct queries: each costs a few characters of text but a whole document or error. */
  const TINY = 20_000;
  /** About 2 KB for each tiny document or error when only the text was counted: over 40 MB in all. */
  const PARSE_HEAP_GROWTH_BOUND_MB = 10;

  it(`keeps ${TINY} tiny documents and ${TINY} tiny parse errors within ${PARSE_HEAP_GROWTH_BOUND_MB} MB of heap`, () => {
    const { documentCache, errorCache } = boundedParserCaches();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let index = 0; index < TINY; index++) {
      const valid = `{a${index}:__typename}`;
      documentCache.set(valid, parse(valid));
      const invalid = `{${index}`;
      errorCache.set(
        invalid,
        thrownBy(() => parse(invalid)),
      );
    }
    gc();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(growthMb < PARSE_HEAP_GROWTH_BOUND_MB, `heap grew ${growthMb.toFixed(1)} MB`).toBeTruthy();
    expect(
      documentCache.size <= 200 && errorCache.size <= 50,
      `${documentCache.size} and ${errorCache.size} kept`,
    ).toBeTruthy();
    // Both caches stay alive until here.
    expect(documentCache.get('{a19999:__typename}')).toBeTruthy();
  });

  it('charges each entry of a text cache its cost, so tiny keys cannot fill it by count', () => {
    const prices = new BoundedTextCache<number>(20_000, 2_000, 64);
    for (let index = 0; index < 2_000; index++) prices.set(`\n{"first":${index}}`, index);
    expect(prices.size <= 20_000 / 64, `${prices.size} prices kept`).toBeTruthy();
    expect(prices.get('\n{"first":1999}')).toBe(1999);
  });

  it('counts the id of each automatic persisted query in its budget', () => {
    const budget = 1024 * 1024;
    const store = new AutomaticPersistedQueries(budget);
    for (let index = 0; index < 50_000; index++) {
      const query = `{a${index}}`;
      store.set(sha256(query), query);
    }
    // Each entry is at least a 64-character hash and a 4-character document.
    expect(store.size <= budget / 68, `${store.size} documents kept`).toBeTruthy();
    expect(store.get(sha256('{a49999}'))).toBe('{a49999}');
  });
});

describe('response cache budget configuration', () => {
  it('reads LEDE_CACHE_MAX_BYTES and LEDE_CACHE_MAX_ENTRY_BYTES, 64 MiB and 1 MiB by default', () => {
    expect(parseConfig({}).responseCache).toMatchObject({ maxBytes: 64 * 1024 * 1024, maxEntryBytes: 1024 * 1024 });
    const set = parseConfig({ LEDE_CACHE_MAX_BYTES: '8000000', LEDE_CACHE_MAX_ENTRY_BYTES: '50000' });
    expect(set.responseCache).toMatchObject({ maxBytes: 8_000_000, maxEntryBytes: 50_000 });
    expect(() => parseConfig({ LEDE_CACHE_MAX_BYTES: '64MB' })).toThrow(/LEDE_CACHE_MAX_BYTES: must be a whole number/);
  });
});
