import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RateLimitConfig } from '../src/config.ts';
import { databaseKind } from './support/database.ts';
import { expectKeyLookupFailureMasked } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// Issue 21, item 5: rate limits that count what they should.

const limits = (overrides: Partial<RateLimitConfig> = {}): RateLimitConfig => ({
  anonymous: 3,
  keyed: 3,
  invalidKeys: 3,
  windowSeconds: 60,
  trustProxy: false,
  ...overrides,
});

/** Sends a request as if from `address`, the way Yoga's node adapter passes the socket. */
function send(lede: TestGateway, address: string, init: { path?: string; query?: string; authorization?: string }) {
  const path = init.path ?? '/graphql';
  return Promise.resolve(
    lede.yoga.fetch(
      `http://lede.test${path}`,
      path === '/graphql'
        ? {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(init.authorization ? { authorization: init.authorization } : {}),
            },
            body: JSON.stringify({ query: init.query ?? '{ __typename }' }),
          }
        : { headers: init.authorization ? { authorization: init.authorization } : {} },
      { req: { socket: { remoteAddress: address } } },
    ),
  );
}

const codeOf = async (response: Response) =>
  ((await response.json()) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;

describe(`rate limits count what they should (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false, rateLimit: limits() });
  });

  it('refuses random keys on requests that fail validation, and counts them against the address', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await send(lede, '192.0.2.21', { authorization: `Bearer random-${i}`, query: '{ nope }' });
      outcomes.push(`${response.status} ${await codeOf(response)}`);
    }
    expect(outcomes).toStrictEqual([
      ...Array.from({ length: 3 }, () => '401 UNAUTHENTICATED'),
      ...Array.from({ length: 5 }, () => '429 RATE_LIMITED'),
    ]);
  });

  it('gives one key one budget however its header is spelled', async () => {
    const key = await lede.apiKey('READER');
    const spellings = [`Bearer ${key}`, `bearer  ${key}`, `BEARER\t${key}`, `Bearer    ${key}`];
    const statuses: number[] = [];
    for (const authorization of spellings) {
      const response = await send(lede, '192.0.2.22', { authorization });
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toStrictEqual([200, 200, 200, 429]);
  });

  it('looks up unknown keys arriving at once no more often than the refused-key budget allows', async () => {
    // Prisma batches concurrent findUnique calls into one statement: count the calls.
    const lookup = vi.spyOn(lede.database.prisma.apiKey, 'findUnique');
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => send(lede, '192.0.2.23', { authorization: `Bearer lede_unknown-${i}` })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(37);
    expect(lookup).toHaveBeenCalledTimes(3);
    lookup.mockRestore();
  });

  it('leaves a failed key lookup (database down) to be reported as any database error, without internals', async () => {
    await expectKeyLookupFailureMasked(lede.database.prisma, () =>
      send(lede, '192.0.2.25', { authorization: 'Bearer lede_some-key' }),
    );
  });

  it('limits /media requests like any other', async () => {
    const path = `/media/${'ab'.repeat(32)}/original`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await send(lede, '192.0.2.24', { path });
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toStrictEqual([404, 404, 404, 429]);
  });
});
