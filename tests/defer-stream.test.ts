import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/guards/use-persisted-operations.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

type Part = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  hasNext?: boolean;
  incremental?: { data?: Record<string, unknown>; items?: unknown[]; path: (string | number)[]; label?: string }[];
};

const ARTICLE_PAGE = `
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      headline
      ... @defer(label: "belowTheFold") {
        related(first: 5) { slug headline }
      }
    }
  }`;

/** The JSON parts of a multipart/mixed body, in the order they arrived. */
async function readParts(response: Response): Promise<Part[]> {
  expect(response.headers.get('content-type') ?? '').toMatch(/^multipart\/mixed/);
  const text = await response.text();
  return text
    .split(/\r\n---/)
    .map((chunk) => chunk.slice(chunk.indexOf('\r\n\r\n') + 4).trim())
    .filter((body) => body.startsWith('{'))
    .map((body) => JSON.parse(body) as Part);
}

describe(`@defer and @stream over HTTP (${databaseKind})`, () => {
  let lede: TestGateway;
  let server: Server;
  let url: string;
  let slug: string;
  let related: unknown[];

  beforeAll(async () => {
    // A cost limit the deferred query below exceeds (it costs 1301, the default limit is 25000).
    lede = await startTestGateway({ responseCache: { ttlMs: 60_000, maxEntries: 100 }, limits: { maxCost: 1000 } });
    server = createServer(lede.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    const withRelated = await lede.data(
      '{ articles(first: 20) { edges { node { slug related(first: 5) { slug headline } } } } }',
    );
    const node = withRelated.articles.edges.find(
      (edge: { node: { related: unknown[] } }) => edge.node.related.length > 0,
    ).node;
    slug = node.slug;
    related = node.related;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await lede?.close();
  });

  const post = (body: unknown, accept = 'multipart/mixed') =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });

  it('sends the article first, then the deferred related articles', async () => {
    const parts = await readParts(await post({ query: ARTICLE_PAGE, variables: { slug } }));
    expect(parts.length, JSON.stringify(parts)).toBe(2);
    const [initial, deferred] = parts as [Part, Part];
    expect(initial.hasNext).toBe(true);
    expect(Object.keys(initial.data?.article as object)).toStrictEqual(['headline']);
    expect(deferred.hasNext).toBe(false);
    expect(deferred.incremental).toStrictEqual([{ data: { related }, path: ['article'], label: 'belowTheFold' }]);
  });

  it('is never answered from the response cache in one piece', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await post({ query: ARTICLE_PAGE, variables: { slug } });
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('etag')).toBe(null);
      expect((await readParts(response)).length).toBe(2);
    }
  });

  it('streams list items after the first ones with @stream', async () => {
    const query = '{ articles(first: 3) { edges @stream(initialCount: 1) { node { slug } } } }';
    const parts = await readParts(await post({ query }));
    const whole = await lede.data('{ articles(first: 3) { edges { node { slug } } } }');
    const [initial, ...rest] = parts as [Part, ...Part[]];
    expect((initial.data?.articles as { edges: unknown[] } | undefined)?.edges).toStrictEqual(
      whole.articles.edges.slice(0, 1),
    );
    const streamed = rest.flatMap((part) => part.incremental?.flatMap((patch) => patch.items ?? []) ?? []);
    expect(streamed).toStrictEqual(whole.articles.edges.slice(1));
    expect(parts.at(-1)?.hasNext).toBe(false);
  });

  it('refuses JSON-only clients with a clear 406 error', async () => {
    const response = await post({ query: ARTICLE_PAGE, variables: { slug } }, 'application/graphql-response+json');
    expect(response.status).toBe(406);
    const body = (await response.json()) as Part;
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_ACCEPTABLE');
    expect(body.errors?.[0]?.message ?? '').toMatch(/multipart\/mixed/);
  });

  it('prices deferred fields like any others', async () => {
    const costly =
      'query { articles(first: 100) { edges { node { ... @defer { related(first: 20) { headline } } } } } }';
    const [refusal] = await readParts(await post({ query: costly }));
    expect(refusal?.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    // 1 + 100 × (edges, node, related, 20 × headline): the deferred list counts at its size.
    expect(refusal?.errors?.[0]?.extensions?.found).toBe(2301);
  });

  it('runs a persisted (APQ) operation with @defer', async () => {
    const persistedQuery = { version: 1, sha256Hash: sha256(ARTICLE_PAGE) };
    const register = await readParts(
      await post({ query: ARTICLE_PAGE, variables: { slug }, extensions: { persistedQuery } }),
    );
    expect(register.length).toBe(2);
    const byHash = await readParts(await post({ variables: { slug }, extensions: { persistedQuery } }));
    expect(byHash).toStrictEqual(register);
  });
});
