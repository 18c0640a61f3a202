import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { FRONT_PAGE_QUERY, PERSON_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { besidesSectionTree, startTestGateway, type TestGateway } from './support/gateway.ts';

const COUNT = 'query CountArticles { articles { totalCount } }';
const SECTIONS = 'query SectionNames { sections { name } }';

/** Requests carrying `x-test-break` run with a Prisma client that fails: an unexpected error. */
const breakDatabase: Plugin = {
  onExecute({ args }) {
    const context = args.contextValue as unknown as { request: Request; prisma: unknown };
    if (!context.request.headers.has('x-test-break')) return;
    context.prisma = new Proxy(
      {},
      {
        get() {
          throw new Error('the database exploded');
        },
      },
    );
  },
};

function post(lede: TestGateway, query: string, headers: Record<string, string> = {}) {
  lede.statements.length = 0;
  return lede.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query }),
  });
}

const requestLines = (lede: TestGateway) => lede.logs.filter((line) => line.msg === 'graphql request');
const lineFor = (lede: TestGateway, requestId: string | null) => {
  const lines = lede.logs.filter((line) => line.requestId === requestId && line.msg === 'graphql request');
  expect(lines.length, `one request line for ${requestId}`).toBe(1);
  return lines[0] as Record<string, unknown>;
};

describe(`request logs and ids (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ plugins: [breakDatabase] });
  });
  afterAll(() => lede?.close());

  it('writes one JSON line per GraphQL request with its id, operation, status, SQL statements and role', async () => {
    const before = requestLines(lede).length;
    const response = await post(lede, FRONT_PAGE_QUERY);
    expect(response.status).toBe(200);
    await response.json();
    const statements = lede.statements.length;
    expect(statements > 0).toBeTruthy();

    expect(requestLines(lede).length).toBe(before + 1);
    const id = response.headers.get('x-request-id');
    expect(id ?? '', 'a generated UUID').toMatch(/^[0-9a-f-]{36}$/);
    const line = lineFor(lede, id);
    expect(line.level).toBe('info');
    expect(!Number.isNaN(Date.parse(String(line.time)))).toBeTruthy();
    expect(line.operationName).toBe('FrontPage');
    expect(line.operationType).toBe('query');
    expect(line.status).toBe(200);
    expect(line.sqlStatements, 'the statements Prisma reported for this request').toBe(statements);
    expect(line.role).toBe('anonymous');
    expect(line.errors).toBe(0);
    expect(typeof line.durationMs).toBe('number');
  });

  it('logs at most 128 characters of an operation name a client sent, however long', async () => {
    const long = `Long${'Name'.repeat(1_000)}`;
    for (const [index, body] of [
      { query: `query ${long} { __typename }` },
      { query: '{ __typename }', operationName: long },
    ].entries()) {
      await (
        await lede.yoga.fetch('http://lede.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': `long-name-${index}` },
          body: JSON.stringify(body),
        })
      ).text();
      expect(lineFor(lede, `long-name-${index}`).operationName).toBe(`${long.slice(0, 128)}…`);
    }
  });

  it('names the role of an API key, never the key', async () => {
    const key = await lede.apiKey('EDITOR');
    const response = await post(lede, COUNT, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    const line = lineFor(lede, response.headers.get('x-request-id'));
    expect(line.role).toBe('editor');
    expect(!JSON.stringify(lede.logs).includes(key), 'the key is nowhere in the log').toBeTruthy();

    const refused = await post(lede, COUNT, { authorization: 'Bearer lede_not-a-real-key' });
    expect(refused.status).toBe(401);
    const refusedLine = lineFor(lede, refused.headers.get('x-request-id'));
    expect(refusedLine.status).toBe(401);
    expect(refusedLine.errors).toBe(1);
    expect(refusedLine.role).not.toBe('editor');
  });

  it('keeps a sane incoming x-request-id and replaces one that is too long or has odd characters', async () => {
    const kept = await post(lede, COUNT, { 'x-request-id': 'edge-7f3a:42.b_c' });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a:42.b_c');
    lineFor(lede, 'edge-7f3a:42.b_c');

    for (const bad of ['x'.repeat(129), 'has space', 'quote"d', 'new\\nline', '']) {
      const replaced = await post(lede, COUNT, { 'x-request-id': bad });
      const id = replaced.headers.get('x-request-id');
      expect(id).not.toBe(bad);
      expect(id ?? '').toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('counts errors and puts the request id on error responses and other routes too', async () => {
    const invalid = await post(lede, 'query Broken { articles { noSuchField } }');
    expect(invalid.status).toBe(400);
    const line = lineFor(lede, invalid.headers.get('x-request-id'));
    expect(line.errors).toBe(1);
    expect(line.status).toBe(400);
    expect(line.operationName, 'the operation never ran, so its name is not known from the document').toBe(null);
    expect(line.sqlStatements).toBe(0);

    for (const path of ['/health', '/ready', '/metrics', '/no-such-page']) {
      const response = await lede.yoga.fetch(`http://lede.test${path}`, { headers: { 'x-request-id': 'probe-1' } });
      expect(response.headers.get('x-request-id'), path).toBe('probe-1');
    }
    const probes = lede.logs.filter((entry) => entry.requestId === 'probe-1');
    expect(probes.filter((entry) => entry.msg === 'http request').length).toBe(4);
    expect(
      probes.every((entry) => entry.level === 'debug'),
      'other routes are logged at debug level only',
    ).toBeTruthy();
  });

  it('logs an unexpected error as JSON with the request id, and the client sees only "Unexpected error."', async () => {
    const response = await post(lede, COUNT, { 'x-test-break': '1', 'x-request-id': 'broken-1' });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors.map((error) => error.message)).toStrictEqual(['Unexpected error.']);
    const errorLine = lede.logs.find((entry) => entry.msg === 'unexpected error' && entry.requestId === 'broken-1');
    expectTruthy(errorLine, 'the error is logged with the request id');
    expect(errorLine.level).toBe('error');
    expect(JSON.stringify(errorLine.error)).toMatch(/the database exploded/);
    expect(lineFor(lede, 'broken-1').errors).toBe(1);
  });

  it('attributes SQL statements to the right request when requests run concurrently', async () => {
    const queries = [FRONT_PAGE_QUERY, COUNT, SECTIONS, PERSON_QUERY];
    // Without the section tree's statement: anonymous requests share one tree for a second, so
    // which of them loads it (one statement) depends on the clock.
    const alone = new Map<string, number>();
    for (const query of queries) {
      await (await post(lede, query)).json();
      alone.set(query, besidesSectionTree(lede.statements).length);
    }
    const batch = Array.from({ length: 16 }, (_, index) => queries[index % queries.length] as string);
    lede.statements.length = 0;
    const responses = await Promise.all(
      batch.map((query, index) =>
        lede.yoga.fetch('http://lede.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': `concurrent-${index}` },
          body: JSON.stringify({ query }),
        }),
      ),
    );
    await Promise.all(responses.map((response) => response.json()));
    const counted = batch.map((_, index) => lineFor(lede, `concurrent-${index}`).sqlStatements as number);

    expect(
      counted.reduce((sum, count) => sum + count, 0),
      'every statement sent is counted once, for one request',
    ).toBe(lede.statements.length);
    batch.forEach((query, index) => {
      const own = alone.get(query) as number;
      const sent = counted[index] as number;
      // Prisma merges findUnique calls made in the same tick into one statement, even across
      // requests (the person page looks up by slug); that statement counts for the request that
      // sent it. Queries without such lookups send what they send alone, and maybe the tree.
      if (query === PERSON_QUERY) expect(sent <= own + 1, `request ${index}: ${sent}`).toBe(true);
      else expect([own, own + 1], `request ${index}`).toContain(sent);
    });
  });
});

describe(`metrics (${databaseKind})`, () => {
  let lede: TestGateway;
  let second: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    // A second gateway in the same process has its own registry: nothing is registered twice.
    second = await startTestGateway({ loadSampleContent: false, operations: { metricsToken: 'a-long-metrics-token' } });
  });
  afterAll(async () => {
    await lede?.close();
    await second?.close();
  });

  const metricsText = async (gateway: TestGateway, headers: Record<string, string> = {}) => {
    const response = await gateway.yoga.fetch('http://lede.test/metrics', { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type') ?? '').toMatch(/text\/plain/);
    return response.text();
  };
  const sample = (text: string, pattern: RegExp) => {
    const match = pattern.exec(text);
    return match ? Number(match[1]) : 0;
  };

  it('serves request counts, durations, errors, SQL statements and process metrics at /metrics', async () => {
    const beforeText = await metricsText(lede);
    const statementsBefore = sample(beforeText, /^lede_sql_statements_total (\d+)/m);
    await (await post(lede, COUNT)).json();
    const statements = lede.statements.length;
    await (await post(lede, COUNT)).json();
    await (await post(lede, 'query Broken { articles { noSuchField } }')).json();

    const text = await metricsText(lede);
    expect(text).toMatch(/^graphql_envelop_request\{[^}]*operationName="CountArticles"[^}]*\} 2$/m);
    expect(text).toMatch(/^graphql_envelop_request_duration_count\{[^}]*operationName="CountArticles"[^}]*\} 2$/m);
    expect(text).toMatch(/^graphql_yoga_http_duration_count\{/m);
    expect(text).toMatch(/^graphql_envelop_error_result\{[^}]*phase="validate"[^}]*\} 1$/m);
    expect(
      sample(
        text,
        /^lede_sql_statements_per_request_sum\{operationName="CountArticles",operationType="query"\} (\d+)/m,
      ),
    ).toBe(2 * statements);
    expect(sample(text, /^lede_sql_statements_total (\d+)/m) >= statementsBefore + 2 * statements).toBeTruthy();
    expect(text, 'default process metrics').toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('labels series by operation within bounds: made-up names, query strings and aliases add none', async () => {
    const send = async (path: string, init: RequestInit = {}) =>
      (await lede.yoga.fetch(`http://lede.test${path}`, init)).text();
    // Each round uses names no earlier round used: too long to be a label, or in places no label reads.
    const round = async (n: number) => {
      const made = `Made${'Up'.repeat(40)}${n}`;
      const json = (body: unknown) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await send('/graphql', json({ query: `query ${made} { __typename }` }));
      await send('/graphql', json({ query: '{ __typename }', operationName: made }));
      await send(`/graphql?query=${encodeURIComponent('{ __typename }')}&junk=${n}`);
      await send(
        '/graphql',
        json({ query: `mutation { refused${n}: deleteSection(input: { section: "x" }) { __typename } }` }),
      );
    };
    const graphqlSeries = (text: string) => text.split('\n').filter((line) => line.startsWith('graphql_'));
    await round(0);
    const before = graphqlSeries(await metricsText(lede));
    for (let n = 1; n <= 20; n++) await round(n);
    const after = graphqlSeries(await metricsText(lede));
    expect(after.length, 'series after 20 more rounds of new names').toBe(before.length);
    expect(after.join('\n')).not.toMatch(/MadeUpUp|junk=|refused\d/);
    expect(after.join('\n')).toMatch(
      /^graphql_envelop_error_result\{[^}]*operationName="Anonymous"[^}]*phase="execute"/m,
    );
  });

  it('keeps each gateway’s metrics apart and guards /metrics with the token when one is set', async () => {
    const refused = await second.yoga.fetch('http://lede.test/metrics');
    expect(refused.status).toBe(401);
    const wrong = await second.yoga.fetch('http://lede.test/metrics', {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    const text = await metricsText(second, { authorization: 'Bearer a-long-metrics-token' });
    expect(text, 'the first gateway’s requests are not counted here').not.toMatch(/operationName="CountArticles"/);
  });

  it('serves no /metrics when LEDE_METRICS is false', async () => {
    const quiet = await startTestGateway({ loadSampleContent: false, operations: { metrics: false } });
    try {
      expect((await quiet.yoga.fetch('http://lede.test/metrics')).status).toBe(404);
    } finally {
      await quiet.close();
    }
  });
});

describe('logging settings', () => {
  it('logs JSON in production and pretty lines in development unless LEDE_LOG_FORMAT says otherwise', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(parseConfig({}).logFormat).toBe('pretty');
    expect(parseConfig({ LEDE_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(parseConfig({ LEDE_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => parseConfig({ LEDE_LOG_FORMAT: 'xml', LEDE_LOG_LEVEL: 'loud' })).toThrow(
      /LEDE_LOG_FORMAT[\s\S]*LEDE_LOG_LEVEL/,
    );
    expect(() => parseConfig({ LEDE_METRICS_TOKEN: 'short' })).toThrow(/LEDE_METRICS_TOKEN/);
  });
});
