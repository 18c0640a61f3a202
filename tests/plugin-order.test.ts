import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from './support/gateway.ts';
import { multipartUploadHead } from './support/images.ts';

// Each test here pins an order between two plugin stacks (or two plugins of one stack) that a
// request can tell apart: it fails when src/yoga.ts or a stack puts them the other way round.

const MANIFEST = 'examples/mobile-client/src/gql/persisted-documents.json';
const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const frontPageId = Object.keys(manifest).find((id) => manifest[id]?.includes('query MobileFrontPage'));
expectTruthy(frontPageId, 'the manifest holds MobileFrontPage');

const MAX_QUERY_BYTES = 200;
const MAX_BODY_BYTES = 2048;
const REPLACED = 'x-replace-response';

describe(`the order of the plugin stacks (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({
      loadSampleContent: false,
      limits: { maxQueryBytes: MAX_QUERY_BYTES, maxBodyBytes: MAX_BODY_BYTES },
      rateLimit: { anonymous: 3, keyed: 100, invalidKeys: 2, windowSeconds: 60, trustProxy: false },
      persisted: { operations: [MANIFEST] },
      responseCache: { ttlMs: 60_000, maxEntries: 100 },
      plugins: [
        {
          // Stands for any extra plugin that changes the response after Lede's own.
          onResponse({ request, setResponse }) {
            if (!request.headers.has(REPLACED)) return;
            setResponse(
              new Response(JSON.stringify({ data: { text: 'long '.repeat(1000) } }), {
                headers: { 'content-type': 'application/json' },
              }),
            );
          },
        },
      ],
    });
  });
  afterAll(() => lede?.close());

  let addresses = 0;
  /** A request from an address of its own, so each test has the whole anonymous budget. */
  const send = (path: string, init: RequestInit = {}, address = `198.51.100.${++addresses}`) =>
    Promise.resolve(lede.yoga.fetch(`http://lede.test${path}`, init, { req: { socket: { remoteAddress: address } } }));
  const postQuery = (body: object, address?: string) =>
    send(
      '/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      address,
    );
  const codeOf = async (response: Response) =>
    ((await response.json()) as GraphQLResponse).errors?.map((error) => error.extensions?.code);

  it('answers /metrics before the rate limit (observability before guards)', async () => {
    const address = '192.0.2.1';
    for (let round = 0; round < 5; round++) expect((await send('/metrics', {}, address)).status).toBe(200);
    expect((await postQuery({ query: '{ __typename }' }, address)).headers.get('ratelimit-remaining')).toBe('2');
  });

  it('spends the rate budget on media files (the rate limit before the HTTP routes)', async () => {
    const address = '192.0.2.2';
    const image = `/media/${'a'.repeat(64)}/original`;
    for (let round = 0; round < 3; round++) expect((await send(image, {}, address)).status).toBe(404);
    const refused = await send(image, {}, address);
    expect(refused.status).toBe(429);
    expect(await codeOf(refused)).toStrictEqual(['RATE_LIMITED']);
  });

  it('spends the refused-key budget on uploads with a bad key (the rate limit before the upload gate)', async () => {
    const address = '192.0.2.3';
    const upload = () =>
      send(
        '/graphql',
        {
          method: 'POST',
          headers: {
            'content-type': 'multipart/form-data; boundary=lede-order',
            'x-graphql-yoga-csrf': '1',
            authorization: 'Bearer lede_not-a-key',
          },
          body: new TextDecoder().decode(multipartUploadHead('lede-order')),
        },
        address,
      ).then((response) => response.status);
    expect([await upload(), await upload(), await upload()]).toStrictEqual([401, 401, 429]);
  });

  it('logs a request the CSRF check refuses, and refuses it before measuring its body', async () => {
    lede.logs.length = 0;
    const response = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(`{ __typename } # ${'x'.repeat(MAX_BODY_BYTES)}`)}`,
    });
    expect(response.status).toBe(403);
    const lines = lede.logs.filter((line) => line.msg === 'graphql request');
    expect(lines.map((line) => line.status)).toStrictEqual([403]);
  });

  it('holds a persisted operation to the query-size limit (persisted operations before the limits)', async () => {
    expect(Buffer.byteLength(manifest[frontPageId] as string)).toBeGreaterThan(MAX_QUERY_BYTES);
    const response = await postQuery({
      variables: { first: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: frontPageId } },
    });
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toStrictEqual(['QUERY_TOO_LARGE']);
  });

  it("runs direct execution inside the response cache's executor, and answers the repeat from the cache (engine before cache)", async () => {
    const query = '{ articles(first: 2) { edges { node { headline } } } }';
    const before = lede.executions.direct;
    // The response cache's own word for an executor that another plugin set over its own.
    const warnings = vi.spyOn(console, 'warn');
    try {
      await lede.execute(query);
      expect(warnings.mock.calls.flat().join('\n')).not.toMatch(/useResponseCache/);
    } finally {
      warnings.mockRestore();
    }
    expect(lede.executions.direct, 'the query has a direct plan').toBe(before + 1);
    const direct = lede.executions.direct;
    const graphql = lede.executions.graphql;
    expect((await lede.execute(query)).data).toStrictEqual({ articles: { edges: [] } });
    expect(lede.statements).toStrictEqual([]);
    expect([lede.executions.direct, lede.executions.graphql]).toStrictEqual([direct, graphql]);
  });

  it("stores the response with its cost, so the ETag stands for what is sent (the cost's plugin before the cache)", async () => {
    const query = '{ sections { slug } }';
    const get = () => send(`/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } });
    await get();
    const response = await get();
    const etag = response.headers.get('etag');
    const { data, extensions } = (await response.json()) as GraphQLResponse;
    expect(extensions?.cost).toStrictEqual({ requested: expect.any(Number), limit: 25_000 });
    const { responseCache: _metadata, ...sent } = extensions ?? {};
    const content = createHash('sha256')
      .update(JSON.stringify([data, sent]))
      .digest('base64url');
    expect(etag).toBe(`"${content}"`);
  });

  it("answers If-None-Match for GraphiQL's files before the HTTP cache takes the header (http before cache)", async () => {
    const page = await (await send('/graphql', { headers: { accept: 'text/html' } })).text();
    const asset = /\/graphiql\/assets\/[^"]+\.js/.exec(page)?.[0];
    expectTruthy(asset, "GraphiQL's page names its script");
    const etag = (await send(asset)).headers.get('etag');
    expectTruthy(etag, 'the script has an ETag');
    expect((await send(asset, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('compresses last, after every other plugin, extra ones included', async () => {
    const response = await send('/graphql?query=%7B__typename%7D', {
      headers: { 'accept-encoding': 'gzip', [REPLACED]: '1' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8'));
    expect(body.data.text.length).toBe(5000);
  });
});
