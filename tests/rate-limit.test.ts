import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RateLimitConfig } from '../src/config.ts';
import { clientNetwork } from '../src/guards/use-rate-limit.ts';
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
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after') ?? '').toMatch(/^[1-9]\d*$/);
  expect(response.headers.get('ratelimit-remaining')).toBe('0');
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
}

describe('who a client is for its budget', () => {
  it('is its IPv4 address, mapped or not, and the /64 network of an IPv6 address however it is written', () => {
    const cases: [string, string][] = [
      ['192.0.2.1', '192.0.2.1'],
      ['::ffff:192.0.2.1', '192.0.2.1'],
      ['::ffff:c000:201', '192.0.2.1'],
      ['::FFFF:C633:6401', '198.51.100.1'],
      ['2001:db8:0:1:aaaa:bbbb:cccc:dddd', '2001:db8:0:1::/64'],
      ['2001:0DB8:0000:0001::1', '2001:db8:0:1::/64'],
      ['2001:db8::', '2001:db8:0:0::/64'],
      ['fe80::1%eth0', 'fe80:0:0:0::/64'],
      ['2001:db8:1:2:3:4:192.0.2.1', '2001:db8:1:2::/64'],
      ['unknown', 'unknown'],
    ];
    for (const [address, client] of cases) expect(clientNetwork(address), address).toBe(client);
  });
});

describe(`rate limiting in memory (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false, rateLimit: limits() });
  });
  afterAll(() => lede.close());

  it('gives the addresses of one IPv6 /64 one budget between them, and another /64 its own', async () => {
    for (const host of ['a', 'b', 'c']) {
      const response = await request(lede, `2001:db8:0:1::${host}`);
      expect(response.status, host).toBe(200);
      await response.text();
    }
    await assertRateLimited(await request(lede, '2001:db8:0:1::d'));
    const neighbour = await request(lede, '2001:db8:0:2::1');
    expect(neighbour.status).toBe(200);
    await neighbour.text();
  });

  it('sends decreasing RateLimit headers, then 429 with Retry-After before any SQL', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await request(lede, '192.0.2.1');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      expect(response.headers.get('ratelimit-reset') ?? '').toMatch(/^[0-9]+$/);
      remaining.push(response.headers.get('ratelimit-remaining') ?? '');
      await response.text();
    }
    expect(remaining).toStrictEqual(['2', '1', '0']);
    const refused = await request(lede, '192.0.2.1');
    await assertRateLimited(refused);
    expect(lede.statements, 'refused before the database').toStrictEqual([]);
  });

  it('keeps separate budgets per address and per API key', async () => {
    for (let i = 0; i < 3; i++) await (await request(lede, '192.0.2.2')).text();
    await assertRateLimited(await request(lede, '192.0.2.2'));
    expect((await request(lede, '192.0.2.3')).status, 'another address is unaffected').toBe(200);

    const key = await lede.apiKey('READER');
    const keyed = await request(lede, '192.0.2.2', { authorization: `Bearer ${key}` });
    expect(keyed.status, 'a key has its own budget, even from an exhausted address').toBe(200);
    expect(keyed.headers.get('ratelimit-limit')).toBe('5');
    for (let i = 0; i < 4; i++) await (await request(lede, '192.0.2.4', { authorization: `Bearer ${key}` })).text();
    await assertRateLimited(await request(lede, '192.0.2.5', { authorization: `Bearer ${key}` }));
    expect((await request(lede, '192.0.2.5')).status, 'the address still has its anonymous budget').toBe(200);
  });

  it('limits refused keys per address before looking the next one up', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await request(lede, '192.0.2.6', { authorization: `Bearer lede_guess${i}` })).status).toBe(401);
    }
    const guess = await request(lede, '192.0.2.6', { authorization: 'Bearer lede_guess-again' });
    await assertRateLimited(guess);
    expect(lede.statements, 'no key lookup once the address is refused').toStrictEqual([]);
  });

  it('gives a fresh budget after the window', async () => {
    for (let i = 0; i < 3; i++) await (await request(lede, '192.0.2.7')).text();
    const refused = await request(lede, '192.0.2.7');
    await assertRateLimited(refused);
    await sleep(Number(refused.headers.get('retry-after')) * 1000 + 50);
    expect((await request(lede, '192.0.2.7')).status).toBe(200);
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
      expect((await request(proxied, '10.0.0.1', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe.skipIf(redisMissing)(`rate limiting through Redis (${databaseKind})`, () => {
  let redis: { url: string; stop: () => void };
  let redisUrl: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    redisUrl = redis.url;
  });
  afterAll(() => {
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
        expect(response.status).toBe(200);
        remaining.push(response.headers.get('ratelimit-remaining'));
        await response.text();
      }
      expect(remaining).toStrictEqual(['3', '2', '1', '0']);
      await assertRateLimited(await request(first, address));
      await assertRateLimited(await request(second, address));
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('lets requests through, with a warning, while Redis is unreachable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const closedPort = await freePort();
    const lede = await startTestGateway({
      loadSampleContent: false,
      rateLimit: limits({ anonymous: 1, redisUrl: `redis://127.0.0.1:${closedPort}` }),
    });
    try {
      for (let i = 0; i < 3; i++) {
        const response = await request(lede, '192.0.2.9');
        expect(response.status, 'fails open').toBe(200);
        expect(response.headers.get('ratelimit-limit'), 'no budget to report').toBe(null);
        await response.text();
      }
      expect(warn, 'the outage is logged').toHaveBeenCalled();
    } finally {
      await lede.close();
      warn.mockRestore();
    }
  });
});
