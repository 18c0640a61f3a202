import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  afterAll(async () => {
    for (const lede of gateways) await lede.close();
  });

  it('with `*`, lets any site call the API, without credentials, and lets it read the request id', async () => {
    const lede = await start('*');
    const check = await preflight(lede, 'https://news.example');
    expect(check.status).toBe(204);
    expect(check.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(check.headers.get('access-control-allow-headers') ?? '').toMatch(/authorization/);
    expect(check.headers.get('access-control-allow-credentials'), 'no cookies or HTTP auth').toBe(null);

    const response = await postFrom(lede, 'https://news.example');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(response.headers.get('access-control-expose-headers') ?? '').toMatch(/x-request-id/);
    expect(response.headers.get('access-control-allow-credentials')).toBe(null);
  });

  it('with a list, answers listed origins only, and says the answer varies by origin', async () => {
    const lede = await start(['https://www.example.com', 'https://app.example.com']);
    for (const origin of ['https://www.example.com', 'https://app.example.com']) {
      const check = await preflight(lede, origin);
      expect(check.headers.get('access-control-allow-origin')).toBe(origin);
      const response = await postFrom(lede, origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('vary') ?? '').toMatch(/Origin/);
    }
    for (const origin of ['https://evil.example', 'null', 'https://www.example.com.evil.example']) {
      const check = await preflight(lede, origin);
      expect(check.headers.get('access-control-allow-origin'), origin).toBe(null);
      expect(check.headers.get('access-control-allow-methods'), origin).toBe(null);
      const response = await postFrom(lede, origin);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(null);
      expect(response.headers.get('vary') ?? '').toMatch(/Origin/);
    }
  });

  it('with no origins (the production default), gives browsers no cross-origin access', async () => {
    const lede = await start([]);
    const check = await preflight(lede, 'https://news.example');
    expect(check.headers.get('access-control-allow-origin')).toBe(null);
    const response = await postFrom(lede, 'https://news.example');
    expect(response.status, 'non-browser clients are unaffected').toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(null);
  });

  it('reads LEDE_CORS_ORIGINS: a list or `*`, same origin only by default in production, any in development', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).corsOrigins).toStrictEqual([]);
    expect(parseConfig({}).corsOrigins).toBe('*');
    expect(parseConfig({ NODE_ENV: 'production', LEDE_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(
      parseConfig({ LEDE_CORS_ORIGINS: ' https://www.example.com , http://localhost:3000 ' }).corsOrigins,
    ).toStrictEqual(['https://www.example.com', 'http://localhost:3000']);
    for (const bad of ['www.example.com', 'https://www.example.com/', 'https://example.com/path', 'ftp//x']) {
      expect(() => parseConfig({ LEDE_CORS_ORIGINS: bad }), bad).toThrow(/LEDE_CORS_ORIGINS/);
    }
  });
});

describe(`CSRF prevention (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
  });
  afterAll(() => lede?.close());

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
      expect(response.status, contentType).toBe(403);
      const result = (await response.json()) as { errors: { message: string }[] };
      expect(result.errors[0]?.message ?? '', contentType).toMatch(/CSRF/);
    }
  });

  it('lets the same bodies through with the x-graphql-yoga-csrf header, which forces a preflight', async () => {
    const form = new URLSearchParams({ query: COUNT }).toString();
    const response = await post('application/x-www-form-urlencoded', form, { 'x-graphql-yoga-csrf': '1' });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(result.errors).toBe(undefined);
    expect(result.data).toStrictEqual({ articles: { totalCount: 0 } });
  });

  it('accepts JSON POSTs (GraphiQL, every GraphQL client) and plain GET queries', async () => {
    const json = await post('application/json', JSON.stringify({ query: COUNT }));
    expect(json.status).toBe(200);
    const get = await lede.yoga.fetch(`http://lede.test/graphql?query=${encodeURIComponent(COUNT)}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(200);
    const page = await lede.yoga.fetch('http://lede.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Lede GraphiQL/);
  });
});
