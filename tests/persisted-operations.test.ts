import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { AutomaticPersistedQueries, loadPersistedOperations, sha256 } from '../src/guards/use-persisted-operations.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from './support/gateway.ts';

// The mobile client's manifest, as GraphQL Code Generator wrote it.
const MANIFEST = 'examples/mobile-client/src/gql/persisted-documents.json';
const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const frontPageId = Object.keys(manifest).find((id) => manifest[id]?.includes('query MobileFrontPage'));
expectTruthy(frontPageId, 'the manifest holds MobileFrontPage');
const frontPage = manifest[frontPageId] as string;
const frontPageHex = frontPageId.replace(/^sha256:/, '');

function post(lede: TestGateway, body: Record<string, unknown>, apiKey?: string) {
  return lede.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

const byHash = (sha256Hash: string, variables?: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

describe(`persisted operations (${databaseKind})`, () => {
  let lede: TestGateway;
  let allowList: TestGateway;
  let expectedHeadlines: string[];
  beforeAll(async () => {
    lede = await startTestGateway({ persisted: { operations: [MANIFEST] } });
    allowList = await startTestGateway({ persisted: { operations: [MANIFEST], only: true } });
    const text = await lede.data(frontPage, { first: 3 });
    expectedHeadlines = text.articles.edges.map((edge: { node: { headline: string } }) => edge.node.headline);
    expect(expectedHeadlines.length).toBe(3);
  });
  afterAll(async () => {
    await lede?.close();
    await allowList?.close();
  });

  const headlines = (result: GraphQLResponse) =>
    (result.data as { articles: { edges: { node: { headline: string } }[] } }).articles.edges.map(
      (edge) => edge.node.headline,
    );

  for (const [name, id] of [
    ['sha256:<hex> (codegen __meta__.hash, as urql sends it)', frontPageId],
    ['bare hex (APQ)', frontPageHex],
  ] as const) {
    it(`runs a manifest operation named by extensions.persistedQuery.sha256Hash as ${name}`, async () => {
      for (const gateway of [lede, allowList]) {
        const response = await post(gateway, byHash(id, { first: 3 }));
        expect(response.status).toBe(200);
        const result = (await response.json()) as GraphQLResponse;
        expect(result.errors).toBe(undefined);
        expect(headlines(result)).toStrictEqual(expectedHeadlines);
      }
    });
  }

  it('runs a manifest operation named by documentId (GraphQL over HTTP)', async () => {
    const result = (await (
      await post(allowList, { documentId: frontPageId, variables: { first: 3 } })
    ).json()) as GraphQLResponse;
    expect(result.errors).toBe(undefined);
    expect(headlines(result)).toStrictEqual(expectedHeadlines);
  });

  it('runs a hash over GET, so a CDN can cache the short, stable URL', async () => {
    const url = new URL('http://lede.test/graphql');
    url.searchParams.set('variables', JSON.stringify({ first: 3 }));
    url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: frontPageId } }));
    for (const gateway of [lede, allowList]) {
      const response = await gateway.yoga.fetch(url, { headers: { accept: 'application/graphql-response+json' } });
      expect(response.status).toBe(200);
      const result = (await response.json()) as GraphQLResponse;
      expect(headlines(result)).toStrictEqual(expectedHeadlines);
    }
    const documentUrl = new URL('http://lede.test/graphql');
    documentUrl.searchParams.set('documentId', frontPageId);
    documentUrl.searchParams.set('variables', JSON.stringify({ first: 3 }));
    const response = await allowList.yoga.fetch(documentUrl, { headers: { accept: 'application/json' } });
    expect(headlines((await response.json()) as GraphQLResponse)).toStrictEqual(expectedHeadlines);
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, so APQ clients resend the text', async () => {
    const result = (await (await post(lede, byHash(sha256('{ nope }')))).json()) as GraphQLResponse;
    expect(result.data).toBe(undefined);
    expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(result.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('in allow-list mode, answers an unknown hash with PERSISTED_QUERY_NOT_IN_LIST', async () => {
    const response = await post(allowList, byHash(sha256('{ articles { totalCount } }')));
    expect(response.status).toBe(400);
    const result = (await response.json()) as GraphQLResponse;
    expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(result.errors?.[0]?.message ?? '').toMatch(/not in the persisted-operations list/);
  });

  it('in allow-list mode, refuses a document sent as text, over POST and GET', async () => {
    const response = await post(allowList, { query: '{ articles { totalCount } }' });
    expect(response.status).toBe(403);
    const result = (await response.json()) as GraphQLResponse;
    expect(result.data).toBe(undefined);
    expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(result.errors?.[0]?.message ?? '').toMatch(/only runs persisted operations/);

    const get = await allowList.yoga.fetch('http://lede.test/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json' },
    });
    expect(((await get.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    // The manifest's own text is refused too: the allow-list is by id, so clients send only hashes.
    const manifestText = (await (await post(allowList, { query: frontPage })).json()) as GraphQLResponse;
    expect(manifestText.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it("in allow-list mode, still runs text from an editor's key, but not from a reader's", async () => {
    const editor = await allowList.apiKey('EDITOR');
    const edited = (await (
      await post(allowList, { query: '{ articles { totalCount } }' }, editor)
    ).json()) as GraphQLResponse;
    expect(edited.errors).toBe(undefined);
    expect(typeof (edited.data as { articles: { totalCount: number } }).articles.totalCount).toBe('number');
    const reader = await allowList.apiKey('READER');
    const read = (await (
      await post(allowList, { query: '{ articles { totalCount } }' }, reader)
    ).json()) as GraphQLResponse;
    expect(read.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('without the allow-list, text still runs, and a request with neither gets a clear error', async () => {
    expect(await lede.data('{ articles(first: 1) { totalCount } }')).toStrictEqual(
      await lede.data('{ articles { totalCount } }'),
    );
    const response = await post(lede, { variables: {} });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLResponse).errors?.[0]?.message ?? '').toMatch(/query/);
  });

  it('registers automatic persisted queries: hash alone, then hash and text once, then the hash works', async () => {
    const query = '{ articles(first: 2) { totalCount edges { node { headline } } } }';
    const hash = sha256(query);
    const miss = (await (await post(lede, byHash(hash))).json()) as GraphQLResponse;
    expect(miss.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = (await (await post(lede, { query, ...byHash(hash) })).json()) as GraphQLResponse;
    expect(registered.errors).toBe(undefined);
    const hit = (await (await post(lede, byHash(hash))).json()) as GraphQLResponse;
    expect(hit.data).toStrictEqual(registered.data);

    const mismatch = await post(lede, { query: '{ articles { totalCount } }', ...byHash(hash) });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_MISMATCH');
    // The allow-list registers nothing: hash and text are text, refused.
    const refused = (await (await post(allowList, { query, ...byHash(hash) })).json()) as GraphQLResponse;
    expect(refused.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('registers only text that passed every check, so refused text takes no place in the store', async () => {
    const code = async (body: Record<string, unknown>) =>
      ((await (await post(lede, body)).json()) as GraphQLResponse).errors?.[0]?.extensions?.code;
    const refused = [
      '{ articles(first: 2) { totalCount ',
      '{ articles { noSuchField } }',
      `{ articles(first: 1) { totalCount } } # ${'padding '.repeat(20_000)}`,
    ];
    for (const query of refused) {
      const hash = sha256(query);
      expect(await code({ query, ...byHash(hash) }), query.slice(0, 40)).not.toBe(undefined);
      expect(await code(byHash(hash)), `${query.slice(0, 40)}: not kept`).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });

  it('registers text answered from the response cache, and subscriptions', async () => {
    const cached = await startTestGateway({ responseCache: { ttlMs: 60_000, maxEntries: 100 } });
    try {
      const query = '{ articles(first: 1) { edges { node { headline } } } }';
      await cached.data(query);
      cached.statements.length = 0;
      const registered = (await (await post(cached, { query, ...byHash(sha256(query)) })).json()) as GraphQLResponse;
      expect(cached.statements, 'the registration was answered from the cache').toStrictEqual([]);
      const hit = (await (await post(cached, byHash(sha256(query)))).json()) as GraphQLResponse;
      expect(hit.errors, JSON.stringify(hit.errors)).toBe(undefined);
      expect(hit.data).toStrictEqual(registered.data);
    } finally {
      await cached.close();
    }

    const subscription = 'subscription { articleChanged { change } }';
    const open = async (body: Record<string, unknown>) => {
      const abort = new AbortController();
      const response = await lede.yoga.fetch('http://lede.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(body),
        signal: abort.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      abort.abort();
      return first;
    };
    expect(await open({ query: subscription, ...byHash(sha256(subscription)) })).not.toMatch(/errors/);
    expect(await open(byHash(sha256(subscription))), 'the hash alone opens the stream').not.toMatch(/errors/);
  });

  it('keeps automatic persisted queries within a budget of bytes, dropping the least recently used', () => {
    const store = new AutomaticPersistedQueries(100);
    store.set('a', 'x'.repeat(8));
    store.set('b', 'y'.repeat(8));
    expect(store.get('a')).toBe('x'.repeat(8));
    store.set('too-big', 'z'.repeat(11));
    expect(store.get('too-big'), 'a document over a tenth of the budget is not kept').toBe(undefined);
    for (let index = 0; index < 20; index++) store.set(`filler-${index}`, 'f'.repeat(8));
    expect(store.size <= 12, `at most 100 bytes kept (${store.size} documents)`).toBeTruthy();
    expect(store.get('b'), 'the oldest went first').toBe(undefined);
  });

  it('reads LEDE_PERSISTED_OPERATIONS and LEDE_PERSISTED_ONLY, and refuses the allow-list without a manifest', () => {
    const config = parseConfig({ LEDE_PERSISTED_OPERATIONS: `${MANIFEST}, other.json`, LEDE_PERSISTED_ONLY: 'true' });
    expect(config.persistedOperations).toStrictEqual([MANIFEST, 'other.json']);
    expect(config.persistedOnly).toBe(true);
    expect(parseConfig({}).persistedOnly).toBe(false);
    expect(() => parseConfig({ LEDE_PERSISTED_ONLY: 'true' })).toThrow(
      /LEDE_PERSISTED_ONLY: needs LEDE_PERSISTED_OPERATIONS/,
    );
  });

  it('refuses a manifest whose hash does not match its document', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = `${mkdtempSync(`${tmpdir()}/lede-manifest-`)}/bad.json`;
    writeFileSync(path, JSON.stringify({ [frontPageId]: '{ articles { totalCount } }' }));
    await expect(loadPersistedOperations([MANIFEST, path])).rejects.toThrow(/is not the SHA-256 of its document/);
    await expect(loadPersistedOperations([`${path}.missing`])).rejects.toThrow(
      /cannot read the persisted-operations manifest/,
    );
  });
});
