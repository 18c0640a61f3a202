import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

/**
 * Requests carrying `x-test-stall` never finish executing on their own: execution waits until the
 * request's signal is aborted. Only the request timeout can answer them.
 */
function stallPlugin(stopped: string[]): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const request = (args.contextValue as unknown as { request: Request }).request;
      const id = request.headers.get('x-test-stall');
      if (!id) return;
      setExecuteFn(
        () =>
          new Promise((resolve) => {
            request.signal.addEventListener('abort', () => {
              stopped.push(id);
              resolve({ data: null });
            });
          }),
      );
    },
  };
}

describe(`statement timeout (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false, operations: { statementTimeoutMs: 250 } });
  });
  afterAll(() => lede?.close());

  it('applies LEDE_STATEMENT_TIMEOUT_MS to the application’s database session', async () => {
    const [setting] = await lede.database.prisma.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(setting?.statement_timeout).toBe('250ms');
  });

  // PGlite runs statements to the end: it has no timer to cancel them.
  it.skipIf(databaseKind === 'PGlite')('cancels a statement that runs longer than the limit', async () => {
    await expect(lede.database.prisma.$queryRaw`SELECT pg_sleep(30)::text`).rejects.toThrow(
      /canceling statement due to statement timeout/,
    );
    // The connection is still usable afterwards.
    expect(await lede.database.prisma.$queryRaw`SELECT 1::int AS one`).toStrictEqual([{ one: 1 }]);
  });
});

describe(`request timeout (${databaseKind})`, () => {
  let lede: TestGateway;
  const stopped: string[] = [];
  beforeAll(async () => {
    lede = await startTestGateway({
      loadSampleContent: false,
      operations: { requestTimeoutMs: 300 },
      plugins: [stallPlugin(stopped)],
    });
  });
  afterAll(() => lede?.close());

  // Without the request timeout this request would never be answered: the test's own limit fails it.
  it('answers a request that outlives LEDE_REQUEST_TIMEOUT_MS with a GraphQL error and stops its execution', {
    timeout: 20_000,
  }, async () => {
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'x-test-stall': 'stalled-1',
        'x-request-id': 'stalled-1',
      },
      body: JSON.stringify({ query: 'query Slow { articles { totalCount } }' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type') ?? '').toMatch(/^application\/graphql-response\+json/);
    expect(response.headers.get('x-request-id')).toBe('stalled-1');
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors.length).toBe(1);
    expect(body.errors[0]?.extensions.code).toBe('REQUEST_TIMEOUT');
    expect(body.errors[0]?.message ?? '').toMatch(/longer than 300 ms/);
    expect(stopped, 'the execution was told to stop').toStrictEqual(['stalled-1']);

    const line = lede.logs.find((entry) => entry.requestId === 'stalled-1' && entry.msg === 'graphql request');
    expect(line?.status).toBe(503);
    expect(line?.timedOut).toBe(true);
    expect(line?.errors).toBe(1);
  });
});

describe('timeout settings', () => {
  it('defaults to 5 s a statement and 15 s a request, and takes 0 for no limit', () => {
    expect(parseConfig({}).statementTimeoutMs).toBe(5000);
    expect(parseConfig({}).requestTimeoutMs).toBe(15_000);
    expect(parseConfig({ LEDE_STATEMENT_TIMEOUT_MS: '0', LEDE_REQUEST_TIMEOUT_MS: '0' }).requestTimeoutMs).toBe(0);
    expect(() => parseConfig({ LEDE_STATEMENT_TIMEOUT_MS: '-1', LEDE_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(
      /LEDE_STATEMENT_TIMEOUT_MS[\s\S]*LEDE_REQUEST_TIMEOUT_MS/,
    );
  });
});
