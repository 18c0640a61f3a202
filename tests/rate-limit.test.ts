import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitConfig } from '../src/config.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { freePort, redisMissing, startRedisServer } from './support/redis-server.ts';

const limits = (overrides: Partial<RateLimitConfig> = {}): RateLimitConfig => ({
  anonymous: 3,
  keyed: 5,
  invalidKeys: 2,
  windowSeconds: 1,
  trustProxy: false,
  ...overrides,
});

/** Sends `{ __typename }` as if from `address`, the way Yoga's node adapter passes the socket. */
function request(lede: TestGateway, address: string, headers: Record<string, string> = {}) {
  lede.statements.length = 0;
  return lede.yoga.fetch(
    'http://lede.test/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    },
    { req: { socket: { remoteAddress: address } } },
  );
}

async function assertRateLimited(response: Response) {
  assert.equal(response.status, 429);
  assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  assert.equal(response.headers.get('ratelimit-remaining'), '0');
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  assert.equal(body.errors[0]?.extensions.code, 'RATE_LIMITED');
}

describe(`rate limiting in memory (${databaseKind})`, () => {
  let lede: TestGateway;
  before(async () => {
    lede = await startTestGateway({ loadSampleContent: false, rateLimit: limits() });
  });
  after(() => lede.close());

  it('sends decreasing RateLimit headers, then 429 with Retry-After before any SQL', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await request(lede, '192.0.2.1');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('ratelimit-limit'), '3');
      assert.match(response.headers.get('ratelimit-reset') ?? '', /^[0-9]+$/);
      remaining.push(response.headers.get('ratelimit-remaining') ?? '');
      await response.text();
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const refused = await request(lede, '192.0.2.1');
    await assertRateLimited(refused);
    assert.deepEqual(lede.statements, [], 'refused before the database');
  });

  it('keeps separate budgets per address and per API key', async () => {
    for (let i = 0; i < 3; i++) await (await request(lede, '192.0.2.2')).text();
    await assertRateLimited(await request(lede, '192.0.2.2'));
    assert.equal((await request(lede, '192.0.2.3')).status, 200, 'another address is unaffected');

    const key = await lede.apiKey('READER');
    const keyed = await request(lede, '192.0.2.2', { authorization: `Bearer ${key}` });
    assert.equal(keyed.status, 200, 'a key has its own budget, even from an exhausted address');
    assert.equal(keyed.headers.get('ratelimit-limit'), '5');
    for (let i = 0; i < 4; i++) await (await request(lede, '192.0.2.4', { authorization: `Bearer ${key}` })).text();
    await assertRateLimited(await request(lede, '192.0.2.5', { authorization: `Bearer ${key}` }));
    assert.equal((await request(lede, '192.0.2.5')).status, 200, 'the address still has its anonymous budget');
  });

  it('limits refused keys per address before looking the next one up', async () => {
    for (let i = 0; i < 2; i++) {
      assert.equal((await request(lede, '192.0.2.6', { authorization: `Bearer lede_guess${i}` })).status, 401);
    }
    const guess = await request(lede, '192.0.2.6', { authorization: 'Bearer lede_guess-again' });
    await assertRateLimited(guess);
    assert.deepEqual(lede.statements, [], 'no key lookup once the address is refused');
  });

  it('gives a fresh budget after the window', async () => {
    for (let i = 0; i < 3; i++) await (await request(lede, '192.0.2.7')).text();
    const refused = await request(lede, '192.0.2.7');
    await assertRateLimited(refused);
    await sleep(Number(refused.headers.get('retry-after')) * 1000 + 50);
    assert.equal((await request(lede, '192.0.2.7')).status, 200);
  });

  it('believes X-Forwarded-For only when told to trust the proxy', async () => {
    for (let i = 0; i < 3; i++) {
      await (await request(lede, '192.0.2.8', { 'x-forwarded-for': `198.51.100.${i}` })).text();
    }
    await assertRateLimited(await request(lede, '192.0.2.8', { 'x-forwarded-for': '198.51.100.9' }));

    const proxied = await startTestGateway({ loadSampleContent: false, rateLimit: limits({ trustProxy: true }) });
    try {
      for (let i = 0; i < 3; i++) {
        await (await request(proxied, '10.0.0.1', { 'x-forwarded-for': '203.0.113.1, 198.51.100.1' })).text();
      }
      await assertRateLimited(await request(proxied, '10.0.0.1', { 'x-forwarded-for': '203.0.113.2, 198.51.100.1' }));
      assert.equal((await request(proxied, '10.0.0.1', { 'x-forwarded-for': '198.51.100.2' })).status, 200);
    } finally {
      await proxied.close();
    }
  });
});

describe(`rate limiting through Redis (${databaseKind})`, { skip: redisMissing }, () => {
  let redis: { url: string; stop: () => void };
  let redisUrl: string;
  before(async () => {
    redis = await startRedisServer();
    redisUrl = redis.url;
  });
  after(() => {
    redis?.stop();
  });

  it('shares one budget between two gateways', async () => {
    const config = limits({ anonymous: 4, windowSeconds: 30, redisUrl });
    const first = await startTestGateway({ loadSampleContent: false, rateLimit: config });
    const second = await startTestGateway({ loadSampleContent: false, rateLimit: config });
    try {
      const address = '192.0.2.10';
      const remaining: (string | null)[] = [];
      for (const lede of [first, second, first, second]) {
        const response = await request(lede, address);
        assert.equal(response.status, 200);
        remaining.push(response.headers.get('ratelimit-remaining'));
        await response.text();
      }
      assert.deepEqual(remaining, ['3', '2', '1', '0']);
      await assertRateLimited(await request(first, address));
      await assertRateLimited(await request(second, address));
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('lets requests through, with a warning, while Redis is unreachable', async (t) => {
    const warn = t.mock.method(console, 'warn', () => {});
    const closedPort = await freePort();
    const lede = await startTestGateway({
      loadSampleContent: false,
      rateLimit: limits({ anonymous: 1, redisUrl: `redis://127.0.0.1:${closedPort}` }),
    });
    try {
      for (let i = 0; i < 3; i++) {
        const response = await request(lede, '192.0.2.9');
        assert.equal(response.status, 200, 'fails open');
        assert.equal(response.headers.get('ratelimit-limit'), null, 'no budget to report');
        await response.text();
      }
      assert.ok(warn.mock.callCount() > 0, 'the outage is logged');
    } finally {
      await lede.close();
    }
  });
});
