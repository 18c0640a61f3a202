import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../src/config.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const COUNT = '{ articles { totalCount } }';

function preflight(lede: TestGateway, origin: string) {
  return lede.yoga.fetch('http://lede.test/graphql', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

function postFrom(lede: TestGateway, origin: string) {
  return lede.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: COUNT }),
  });
}

describe(`CORS (${databaseKind})`, () => {
  const gateways: TestGateway[] = [];
  const start = async (corsOrigins: '*' | string[]) => {
    const lede = await startTestGateway({ loadSampleContent: false, operations: { corsOrigins } });
    gateways.push(lede);
    return lede;
  };
  after(async () => {
    for (const lede of gateways) await lede.close();
  });

  it('with `*`, lets any site call the API, without credentials, and lets it read the request id', async () => {
    const lede = await start('*');
    const check = await preflight(lede, 'https://news.example');
    assert.equal(check.status, 204);
    assert.equal(check.headers.get('access-control-allow-origin'), 'https://news.example');
    assert.match(check.headers.get('access-control-allow-headers') ?? '', /authorization/);
    assert.equal(check.headers.get('access-control-allow-credentials'), null, 'no cookies or HTTP auth');

    const response = await postFrom(lede, 'https://news.example');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://news.example');
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /x-request-id/);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  it('with a list, answers listed origins only, and says the answer varies by origin', async () => {
    const lede = await start(['https://www.example.com', 'https://app.example.com']);
    for (const origin of ['https://www.example.com', 'https://app.example.com']) {
      const check = await preflight(lede, origin);
      assert.equal(check.headers.get('access-control-allow-origin'), origin);
      const response = await postFrom(lede, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.match(response.headers.get('vary') ?? '', /Origin/);
    }
    for (const origin of ['https://evil.example', 'null', 'https://www.example.com.evil.example']) {
      const check = await preflight(lede, origin);
      assert.equal(check.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(check.headers.get('access-control-allow-methods'), null, origin);
      const response = await postFrom(lede, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.match(response.headers.get('vary') ?? '', /Origin/);
    }
  });

  it('with no origins (the production default), gives browsers no cross-origin access', async () => {
    const lede = await start([]);
    const check = await preflight(lede, 'https://news.example');
    assert.equal(check.headers.get('access-control-allow-origin'), null);
    const response = await postFrom(lede, 'https://news.example');
    assert.equal(response.status, 200, 'non-browser clients are unaffected');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  it('reads LEDE_CORS_ORIGINS: a list or `*`, same origin only by default in production, any in development', () => {
    assert.deepEqual(parseConfig({ NODE_ENV: 'production' }).corsOrigins, []);
    assert.equal(parseConfig({}).corsOrigins, '*');
    assert.equal(parseConfig({ NODE_ENV: 'production', LEDE_CORS_ORIGINS: '*' }).corsOrigins, '*');
    assert.deepEqual(
      parseConfig({ LEDE_CORS_ORIGINS: ' https://www.example.com , http://localhost:3000 ' }).corsOrigins,
      ['https://www.example.com', 'http://localhost:3000'],
    );
    for (const bad of ['www.example.com', 'https://www.example.com/', 'https://example.com/path', 'ftp//x']) {
      assert.throws(() => parseConfig({ LEDE_CORS_ORIGINS: bad }), /LEDE_CORS_ORIGINS/, bad);
    }
  });
});

describe(`CSRF prevention (${databaseKind})`, () => {
  let lede: TestGateway;
  before(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
  });
  after(() => lede?.close());

  const post = (contentType: string, body: string, headers: Record<string, string> = {}) =>
    lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/json', ...headers },
      body,
    });

  it('refuses POST bodies a browser form could send cross-site without a preflight', async () => {
    const form = new URLSearchParams({ query: 'mutation { revokeApiKey(id: "1") { __typename } }' }).toString();
    const cases: [string, string][] = [
      ['application/x-www-form-urlencoded', form],
      ['text/plain', JSON.stringify({ query: COUNT })],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${COUNT}\r\n--x--\r\n`,
      ],
    ];
    for (const [contentType, body] of cases) {
      const response = await post(contentType, body);
      assert.equal(response.status, 403, contentType);
      const result = (await response.json()) as { errors: { message: string }[] };
      assert.match(result.errors[0]?.message ?? '', /CSRF/, contentType);
    }
  });

  it('lets the same bodies through with the x-graphql-yoga-csrf header, which forces a preflight', async () => {
    const form = new URLSearchParams({ query: COUNT }).toString();
    const response = await post('application/x-www-form-urlencoded', form, { 'x-graphql-yoga-csrf': '1' });
    assert.equal(response.status, 200);
    const result = (await response.json()) as { data?: unknown; errors?: unknown };
    assert.equal(result.errors, undefined);
    assert.deepEqual(result.data, { articles: { totalCount: 0 } });
  });

  it('accepts JSON POSTs (GraphiQL, every GraphQL client) and plain GET queries', async () => {
    const json = await post('application/json', JSON.stringify({ query: COUNT }));
    assert.equal(json.status, 200);
    const get = await lede.yoga.fetch(`http://lede.test/graphql?query=${encodeURIComponent(COUNT)}`, {
      headers: { accept: 'application/json' },
    });
    assert.equal(get.status, 200);
    const page = await lede.yoga.fetch('http://lede.test/graphql', { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Lede GraphiQL/);
  });
});
