import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Plugin } from 'graphql-yoga';
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
  before(async () => {
    lede = await startTestGateway({ loadSampleContent: false, operations: { statementTimeoutMs: 250 } });
  });
  after(() => lede?.close());

  it('applies LEDE_STATEMENT_TIMEOUT_MS to the application’s database session', async () => {
    const [setting] = await lede.database.prisma.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    assert.equal(setting?.statement_timeout, '250ms');
  });

  it('cancels a statement that runs longer than the limit', {
    skip: databaseKind === 'PGlite' && 'PGlite runs statements to the end: it has no timer to cancel them',
  }, async () => {
    await assert.rejects(
      lede.database.prisma.$queryRaw`SELECT pg_sleep(30)::text`,
      /canceling statement due to statement timeout/,
    );
    // The connection is still usable afterwards.
    assert.deepEqual(await lede.database.prisma.$queryRaw`SELECT 1::int AS one`, [{ one: 1 }]);
  });
});

describe(`request timeout (${databaseKind})`, () => {
  let lede: TestGateway;
  const stopped: string[] = [];
  before(async () => {
    lede = await startTestGateway({
      loadSampleContent: false,
      operations: { requestTimeoutMs: 300 },
      plugins: [stallPlugin(stopped)],
    });
  });
  after(() => lede?.close());

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
    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
    assert.equal(response.headers.get('x-request-id'), 'stalled-1');
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    assert.equal(body.errors.length, 1);
    assert.equal(body.errors[0]?.extensions.code, 'REQUEST_TIMEOUT');
    assert.match(body.errors[0]?.message ?? '', /longer than 300 ms/);
    assert.deepEqual(stopped, ['stalled-1'], 'the execution was told to stop');

    const line = lede.logs.find((entry) => entry.requestId === 'stalled-1' && entry.msg === 'graphql request');
    assert.equal(line?.status, 503);
    assert.equal(line?.timedOut, true);
    assert.equal(line?.errors, 1);
  });
});

describe('timeout settings', () => {
  it('defaults to 5 s a statement and 15 s a request, and takes 0 for no limit', () => {
    assert.equal(parseConfig({}).statementTimeoutMs, 5000);
    assert.equal(parseConfig({}).requestTimeoutMs, 15_000);
    assert.equal(parseConfig({ LEDE_STATEMENT_TIMEOUT_MS: '0', LEDE_REQUEST_TIMEOUT_MS: '0' }).requestTimeoutMs, 0);
    assert.throws(
      () => parseConfig({ LEDE_STATEMENT_TIMEOUT_MS: '-1', LEDE_REQUEST_TIMEOUT_MS: 'soon' }),
      /LEDE_STATEMENT_TIMEOUT_MS[\s\S]*LEDE_REQUEST_TIMEOUT_MS/,
    );
  });
});
