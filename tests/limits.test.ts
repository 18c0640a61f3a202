import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultLimits, parseConfig } from '../src/config.ts';
import { BODY_FIELD_COST, SCAN_COST, SEARCH_WORD_COST } from '../src/guards/query-cost.ts';
import { MAX_SEARCH_WORDS } from '../src/search/article-search.ts';
import { databaseKind } from './support/database.ts';
import { thrownBy } from './support/expect.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from './support/gateway.ts';

const LIMITS = defaultLimits(false);

/** `count` selections of `field`, each under its own alias. */
const aliased = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
/** A query whose fields nest `depth` levels: articles > edges > node > section > parent > parent … */
const nested = (depth: number) => {
  const parents = depth - 5;
  return `{ articles(first: 1) { edges { node { section { ${'parent { '.repeat(parents)}name${' }'.repeat(parents)} } } } } }`;
};

// A Relay client's page: three fragments deep, ten levels of fields (fragments add none).
const RELAY_PAGE = `
  query RelayArticlePage {
    articles(first: 10) {
      edges { node { id ...ArticleCard } }
      pageInfo { hasNextPage endCursor }
    }
  }
  fragment ArticleCard on Article { headline section { ...SectionLatest } }
  fragment SectionLatest on Section { name articles(first: 5) { edges { node { ...ArticleByline } } } }
  fragment ArticleByline on Article { headline bylines { person { name } } }`;

// Cost = 1 (articles) + $outer × (edges 1 + node 1 + section 1 + articles 1 + $inner × (edges, node, headline: 3)).
const NESTED_PAGES = `
  query NestedPages($outer: Int!, $inner: Int!) {
    articles(first: $outer) { edges { node { section { articles(first: $inner) { edges { node { headline } } } } } } }
  }`;
const nestedPagesCost = (outer: number, inner: number) => 1 + outer * (4 + 3 * inner);

describe(`limits (${databaseKind})`, () => {
  let lede: TestGateway;
  let production: TestGateway;
  const MAX_COST_IN_PRODUCTION = 1000;
  afterAll(async () => {
    await lede?.close();
    await production?.close();
  });
  beforeAll(async () => {
    lede = await startTestGateway();
    production = await startTestGateway({
      production: true,
      loadSampleContent: false,
      limits: { maxCost: MAX_COST_IN_PRODUCTION },
    });
  });

  /** Posts a raw body and returns the status, the parsed body and the SQL the request ran. */
  const post = async (gateway: TestGateway, body: string, headers: Record<string, string> = {}) => {
    gateway.statements.length = 0;
    const response = await gateway.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as GraphQLResponse,
      statements: [...gateway.statements],
    };
  };
  const query = (gateway: TestGateway, text: string, variables?: Record<string, unknown>) =>
    post(gateway, JSON.stringify({ query: text, variables }));

  const assertRefused = (
    result: Awaited<ReturnType<typeof post>>,
    expected: { status: number; code: string; message: RegExp; limit?: number; found?: number },
  ) => {
    expect(result.status, JSON.stringify(result.body)).toBe(expected.status);
    expect(result.body.data, 'nothing ran').toBe(undefined);
    const error = result.body.errors?.[0];
    expect(error?.extensions?.code).toBe(expected.code);
    expect(error?.message ?? '').toMatch(expected.message);
    if (expected.limit !== undefined) expect(error?.extensions?.limit).toBe(expected.limit);
    if (expected.found !== undefined) expect(error?.extensions?.found).toBe(expected.found);
    expect(result.statements, 'no SQL ran').toStrictEqual([]);
  };
  const costOf = (result: Awaited<ReturnType<typeof post>>) =>
    (result.body.extensions?.cost as { requested?: number } | undefined)?.requested;
  const assertAnswered = (result: Awaited<ReturnType<typeof post>>) => {
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.errors).toBe(undefined);
    expect(result.body.data).toBeTruthy();
  };

  describe('depth', () => {
    it(`refuses ${LIMITS.maxDepth + 1} levels, naming the limit and the depth found`, async () => {
      assertRefused(await query(lede, nested(LIMITS.maxDepth + 1)), {
        status: 400,
        code: 'QUERY_TOO_DEEP',
        message: new RegExp(`depth limit of ${LIMITS.maxDepth} exceeded, found ${LIMITS.maxDepth + 1}`),
        limit: LIMITS.maxDepth,
        found: LIMITS.maxDepth + 1,
      });
    });
    it('gives a client that accepts only application/json the same error with status 200, as for any validation error', async () => {
      const result = await post(lede, JSON.stringify({ query: nested(LIMITS.maxDepth + 1) }), {
        accept: 'application/json',
      });
      expect(result.status).toBe(200);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
      expect(result.statements).toStrictEqual([]);
    });
    it(`answers exactly ${LIMITS.maxDepth} levels`, async () => {
      assertAnswered(await query(lede, nested(LIMITS.maxDepth)));
    });
    it('answers a realistic Relay page: ten levels of fields through three fragments', async () => {
      const result = await query(lede, RELAY_PAGE);
      assertAnswered(result);
      const { articles } = result.body.data as { articles: { edges: { node: { section: unknown } }[] } };
      expect(articles.edges.length).toBe(10);
      expect(articles.edges.every((edge) => edge.node.section)).toBeTruthy();
    });
  });

  describe('aliases', () => {
    it(`refuses ${LIMITS.maxAliases + 1} aliases`, async () => {
      assertRefused(await query(lede, `{ ${aliased(LIMITS.maxAliases + 1, 'articles(first: 1) { totalCount }')} }`), {
        status: 400,
        code: 'QUERY_TOO_MANY_ALIASES',
        message: new RegExp(`Aliases limit of ${LIMITS.maxAliases} exceeded, found ${LIMITS.maxAliases + 1}`),
        limit: LIMITS.maxAliases,
        found: LIMITS.maxAliases + 1,
      });
    });
    it(`answers ${LIMITS.maxAliases} aliases`, async () => {
      assertAnswered(await query(lede, `{ ${aliased(LIMITS.maxAliases, 'sections { name }')} }`));
    });
  });

  describe('directives', () => {
    const withDirectives = (count: number) =>
      `{ articles(first: 1) { edges { node { ${Array.from({ length: count }, () => 'headline @include(if: true)').join(' ')} } } } }`;
    it(`refuses ${LIMITS.maxDirectives + 1} directives`, async () => {
      assertRefused(await query(lede, withDirectives(LIMITS.maxDirectives + 1)), {
        status: 400,
        code: 'QUERY_TOO_MANY_DIRECTIVES',
        message: new RegExp(`Directives limit of ${LIMITS.maxDirectives} exceeded, found ${LIMITS.maxDirectives + 1}`),
        limit: LIMITS.maxDirectives,
        found: LIMITS.maxDirectives + 1,
      });
    });
    it(`answers ${LIMITS.maxDirectives} directives`, async () => {
      assertAnswered(await query(lede, withDirectives(LIMITS.maxDirectives)));
    });
  });

  describe('tokens', () => {
    // 16 tokens around the list, one for each ID in it. (Thousands of fields of one name would
    // exhaust graphql-js's own budget for comparing them first.)
    const withTokens = (tokens: number) => {
      const ids = Array.from({ length: tokens - 16 }, () => `"${Buffer.from('Person:1').toString('base64')}"`);
      return `{ articles(filter: { authors: [${ids.join(' ')}] }) { totalCount } }`;
    };
    it(`refuses ${LIMITS.maxTokens + 1} tokens, saying how many there are`, async () => {
      assertRefused(await query(lede, withTokens(LIMITS.maxTokens + 1)), {
        status: 400,
        code: 'QUERY_TOO_MANY_TOKENS',
        message: new RegExp(`token limit of ${LIMITS.maxTokens} exceeded, found ${LIMITS.maxTokens + 1}`),
        limit: LIMITS.maxTokens,
        found: LIMITS.maxTokens + 1,
      });
    });
    it(`answers ${LIMITS.maxTokens} tokens`, async () => {
      assertAnswered(await query(lede, withTokens(LIMITS.maxTokens)));
    });
  });

  describe('query text size', () => {
    // Comments count as text but not as tokens.
    const ofBytes = (bytes: number) => {
      const text = '{ __typename }\n#';
      return text + 'x'.repeat(bytes - text.length);
    };
    it(`refuses a query of ${LIMITS.maxQueryBytes + 1} bytes with 413`, async () => {
      assertRefused(await query(lede, ofBytes(LIMITS.maxQueryBytes + 1)), {
        status: 413,
        code: 'QUERY_TOO_LARGE',
        message: new RegExp(`${LIMITS.maxQueryBytes + 1} bytes exceeds the limit of ${LIMITS.maxQueryBytes} bytes`),
        limit: LIMITS.maxQueryBytes,
        found: LIMITS.maxQueryBytes + 1,
      });
    });
    it(`answers a query of ${LIMITS.maxQueryBytes} bytes`, async () => {
      assertAnswered(await query(lede, ofBytes(LIMITS.maxQueryBytes)));
    });
  });

  describe('request body size', () => {
    const ofBytes = (bytes: number) => {
      const body = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } });
      return body.replace('"padding":""', `"padding":"${'x'.repeat(bytes - body.length)}"`);
    };
    it(`refuses a body of ${LIMITS.maxBodyBytes + 1} bytes with 413`, async () => {
      const body = ofBytes(LIMITS.maxBodyBytes + 1);
      expect(Buffer.byteLength(body)).toBe(LIMITS.maxBodyBytes + 1);
      assertRefused(await post(lede, body), {
        status: 413,
        code: 'REQUEST_ENTITY_TOO_LARGE',
        message: /Request body too large/,
      });
    });
    it('refuses an oversized body sent without Content-Length too', async () => {
      const chunks = [ofBytes(LIMITS.maxBodyBytes + 1)];
      lede.statements.length = 0;
      const response = await lede.yoga.fetch('http://lede.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: new ReadableStream({
          pull(controller) {
            const chunk = chunks.shift();
            if (chunk === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(chunk));
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(lede.statements).toStrictEqual([]);
    });
    it(`answers a body of ${LIMITS.maxBodyBytes} bytes`, async () => {
      assertAnswered(await post(lede, ofBytes(LIMITS.maxBodyBytes)));
    });
    it('over HTTP: trusts a Content-Length within the limit, refuses one above it, counts a chunked body', async () => {
      // A body with a Content-Length is not copied through a counting stream (Node reads exactly
      // that many bytes): these go through node:http to have real Content-Length and chunked requests.
      const server = createServer(lede.yoga);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const send = (body: string, headers: Record<string, string | number>) =>
        new Promise<{ status: number; body: GraphQLResponse }>((resolve, reject) => {
          const request = httpRequest(
            {
              host: '127.0.0.1',
              port,
              path: '/graphql',
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
            },
            (response) => {
              let text = '';
              response.on('data', (chunk: Buffer) => {
                text += chunk.toString();
              });
              response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
            },
          );
          request.on('error', reject);
          request.end(body);
        });
      try {
        const fits = ofBytes(LIMITS.maxBodyBytes);
        const ok = await send(fits, { 'content-length': Buffer.byteLength(fits) });
        expect(ok.status).toBe(200);
        expect(ok.body.data).toStrictEqual({ __typename: 'Query' });
        const over = ofBytes(LIMITS.maxBodyBytes + 1);
        const overHeaders: Record<string, string | number>[] = [
          { 'content-length': Buffer.byteLength(over) },
          { 'transfer-encoding': 'chunked' },
        ];
        for (const headers of overHeaders) {
          const refused = await send(over, headers);
          expect(refused.status, JSON.stringify(headers)).toBe(413);
          expect(refused.body.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
        }
        const chunked = await send(fits, { 'transfer-encoding': 'chunked' });
        expect(chunked.status).toBe(200);
      } finally {
        server.close();
      }
    });
  });

  describe('cost', () => {
    it('reports the cost of every answered operation in extensions', async () => {
      // 1 (articles) + 3 × (edges, node, headline).
      const result = await query(lede, '{ articles(first: 3) { edges { node { headline } } } }');
      assertAnswered(result);
      expect(result.body.extensions?.cost).toStrictEqual({ requested: 10, limit: LIMITS.maxCost });
    });
    it('prices a connection without first or last at the default page size', async () => {
      const result = await query(lede, '{ articles { edges { node { headline } } } }');
      expect(result.body.extensions?.cost).toStrictEqual({ requested: 1 + 20 * 3, limit: LIMITS.maxCost });
    });
    it('prices pages from variables, for each request, the same again when the variables repeat', async () => {
      // The second round is answered from the plugin's prices per document and variables.
      for (const [outer, inner] of [
        [2, 3],
        [5, 1],
        [2, 3],
        [5, 1],
      ] as const) {
        const result = await query(lede, NESTED_PAGES, { outer, inner });
        assertAnswered(result);
        expect(costOf(result)).toBe(nestedPagesCost(outer, inner));
      }
    });
    it('refuses 100 articles with 100 mentions each, naming the limit and the cost', async () => {
      const cost = nestedPagesCost(100, 100);
      expect(cost > LIMITS.maxCost).toBeTruthy();
      assertRefused(await query(lede, NESTED_PAGES, { outer: 100, inner: 100 }), {
        status: 400,
        code: 'QUERY_TOO_COSTLY',
        message: new RegExp(`cost limit of ${LIMITS.maxCost} exceeded, found ${cost}`),
        limit: LIMITS.maxCost,
        found: cost,
      });
    });
    it('prices each request anew: a document refused for its variables is answered with smaller ones', async () => {
      const fresh = `${NESTED_PAGES}\n# not seen before by the caches`;
      expect((await query(lede, fresh, { outer: 100, inner: 100 })).status).toBe(400);
      assertAnswered(await query(lede, fresh, { outer: 1, inner: 1 }));
      expect((await query(lede, fresh, { outer: 100, inner: 100 })).status).toBe(400);
    });
    it('answers an operation that costs exactly the limit, and refuses one more', async () => {
      // 1 + 27 × (4 + 3 × 11) = 1000.
      expect(nestedPagesCost(27, 11)).toBe(MAX_COST_IN_PRODUCTION);
      const atLimit = await query(production, NESTED_PAGES, { outer: 27, inner: 11 });
      assertAnswered(atLimit);
      expect(atLimit.body.extensions?.cost).toStrictEqual({ requested: 1000, limit: MAX_COST_IN_PRODUCTION });
      assertRefused(await query(production, NESTED_PAGES, { outer: 27, inner: 12 }), {
        status: 400,
        code: 'QUERY_TOO_COSTLY',
        message: new RegExp(`cost limit of ${MAX_COST_IN_PRODUCTION} exceeded, found ${nestedPagesCost(27, 12)}`),
        limit: MAX_COST_IN_PRODUCTION,
        found: nestedPagesCost(27, 12),
      });
    });
    it('prices lists that take their own size (first, limit) at that size, nested ones multiplied', async () => {
      const organization = await lede.data<{ organizations: { edges: { node: { slug: string } }[] } }>(
        '{ organizations(first: 1) { edges { node { slug } } } }',
      );
      const slug = organization.organizations.edges[0]?.node.slug;
      // 1 (organization) + 1 (coMentionedPeople) + 50 × (person 1 + name 1).
      const one = await query(
        lede,
        'query ($slug: String!) { organization(slug: $slug) { coMentionedPeople(first: 50) { person { name } } } }',
        { slug },
      );
      assertAnswered(one);
      expect(costOf(one)).toBe(2 + 50 * 2);
      // Three levels of co-mentions at 50 each would return up to 125,000 people: refused before any SQL.
      const threeLevels = `query ($slug: String!) { organization(slug: $slug) { coMentionedPeople(first: 50) { person {
        coMentionedPeople(first: 50) { person { coMentionedPeople(first: 50) { person { name } } } } } } } }`;
      const refused = await query(lede, threeLevels, { slug });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(refused.statements).toStrictEqual([]);
      // facets(…) { sections(limit: 50) { … } } is priced per entry asked for, plus its scan.
      const facets = await query(lede, '{ facets { sections(limit: 50) { count section { name } } } }');
      assertAnswered(facets);
      expect(costOf(facets)).toBe(2 + 50 * 3 + SCAN_COST);
    });
    it('prices each scan once per time it runs: counts, facet lists, and a search by its words', async () => {
      // A count reads every matching article however small the page: one scan per connection.
      const count = await query(lede, '{ articles(first: 1) { totalCount } }');
      assertAnswered(count);
      expect(costOf(count)).toBe(1 + 1 * 1 + SCAN_COST);
      // A search scans once for its page and once more for its count, each by its words.
      const words = 'harbour OR "city council" -budget';
      const searchScan = SCAN_COST + 4 * SEARCH_WORD_COST;
      const search = await query(lede, 'query ($q: String!) { search(query: $q, first: 2) { totalCount } }', {
        q: words,
      });
      assertAnswered(search);
      expect(costOf(search)).toBe(1 + 2 * 1 + searchScan * 2);
      // Facets of a search scan the search for every list.
      const facets = await query(lede, 'query ($q: String!) { facets(query: $q) { months(limit: 1) { count } } }', {
        q: words,
      });
      assertAnswered(facets);
      expect(costOf(facets)).toBe(1 + 1 + 1 * 1 + SCAN_COST + searchScan);
      // Under a list, a count runs once per item of the list.
      const perPerson = await query(
        lede,
        '{ people(first: 3) { edges { node { mentionedIn(first: 1) { totalCount } } } } }',
      );
      assertAnswered(perPerson);
      expect(costOf(perPerson)).toBe(1 + 3 * (1 + 1 + 1 + 1 * 1) + 3 * SCAN_COST);
    });
    it('prices each rendering of a whole body as BODY_FIELD_COST fields', async () => {
      const result = await query(lede, '{ articles(first: 2) { edges { node { headline html markdown } } } }');
      assertAnswered(result);
      expect(costOf(result)).toBe(1 + 2 * (1 + 1 + 1 + 2 * BODY_FIELD_COST));
    });
    it(`refuses a search of more than ${MAX_SEARCH_WORDS} words before any SQL`, async () => {
      const words = Array.from({ length: MAX_SEARCH_WORDS + 1 }, (_, index) => `word${index}`).join(' OR ');
      const refused = await query(lede, 'query ($q: String!) { search(query: $q) { totalCount } }', { q: words });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.message).toMatch(`at most ${MAX_SEARCH_WORDS} words`);
      expect(refused.statements).toStrictEqual([]);
      const allowed = words.replace(/ OR word\d+$/, '');
      assertAnswered(await query(lede, 'query ($q: String!) { search(query: $q) { totalCount } }', { q: allowed }));
    });
    it('prices nodes(ids:) by the IDs given', async () => {
      const ids = ['QXJ0aWNsZTox', 'QXJ0aWNsZToy', 'QXJ0aWNsZToz'];
      const result = await query(lede, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      assertAnswered(result);
      expect(costOf(result)).toBe(1 + ids.length);
    });
  });

  describe('page size', () => {
    for (const [name, variables, message] of [
      ['first: 0', { first: 0 }, /first.*at least 1/],
      ['first: -1', { first: -1 }, /first.*at least 1/],
      ['last: 0', { last: 0 }, /last.*at least 1/],
      ['first: 101', { first: 101 }, /first.*at most 100/],
    ] as const) {
      it(`refuses ${name} before any SQL`, async () => {
        const result = await query(
          lede,
          'query ($first: Int, $last: Int) { articles(first: $first, last: $last) { edges { node { id } } } }',
          variables,
        );
        expect(result.status).toBe(400);
        expect(result.body.errors?.[0]?.message ?? '').toMatch(message);
        expect(result.statements).toStrictEqual([]);
      });
    }
    it('answers first: 1 and first: 100', async () => {
      for (const first of [1, 100]) assertAnswered(await query(lede, `{ articles(first: ${first}) { totalCount } }`));
    });
  });

  describe('HTTP', () => {
    it('refuses a batch (a JSON array) with 400', async () => {
      assertRefused(await post(lede, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])), {
        status: 400,
        code: 'BAD_REQUEST',
        message: /Batching is not supported/,
      });
    });
    it('refuses a mutation over GET with 405', async () => {
      lede.statements.length = 0;
      const mutation = 'mutation { revokeApiKey(id: "QXBpS2V5OjE=") { __typename } }';
      const response = await lede.yoga.fetch(`http://lede.test/graphql?query=${encodeURIComponent(mutation)}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(response.status).toBe(405);
      expect(((await response.json()) as GraphQLResponse).errors?.[0]?.message ?? '').toMatch(/mutation.*POST/);
      expect(response.headers.get('allow') ?? '').toMatch(/POST/);
      expect(lede.statements).toStrictEqual([]);
    });
  });

  describe('development and production', () => {
    const misspelt = '{ articles { edges { node { headlin } } } }';
    const introspection = '{ __schema { queryType { name } } }';
    const graphiqlPage = (gateway: TestGateway) =>
      gateway.yoga.fetch('http://lede.test/graphql', { headers: { accept: 'text/html' } });

    it('development suggests field names, answers introspection and serves GraphiQL', async () => {
      const suggestion = await query(lede, misspelt);
      expect(suggestion.body.errors?.[0]?.message ?? '').toMatch(/Did you mean "headline"\?/);
      assertAnswered(await query(lede, introspection));
      const page = await graphiqlPage(lede);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Lede GraphiQL/);
    });
    it('production hides suggestions', async () => {
      const result = await query(production, misspelt);
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0]?.message).toBe('Cannot query field "headlin" on type "Article".');
      expect(JSON.stringify(result.body)).not.toMatch(/Did you mean|headline/);
      expect(result.statements).toStrictEqual([]);
    });
    it('production refuses introspection with an error naming the field, but answers __typename', async () => {
      for (const [text, field] of [
        [introspection, '__schema'],
        ['{ __type(name: "Article") { name } }', '__type'],
      ] as const) {
        const result = await query(production, text);
        expect(result.status).toBe(400);
        expect(result.body.errors?.[0]?.message ?? '').toMatch(
          new RegExp(`introspection has been disabled.*"${field}"`),
        );
        expect(result.statements).toStrictEqual([]);
      }
      assertAnswered(await query(production, '{ __typename }'));
    });
    it('production does not serve GraphiQL', async () => {
      const page = await graphiqlPage(production);
      expect(page.status, 'no representation a browser accepts').toBe(406);
      expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      expect(await page.text()).not.toMatch(/GraphiQL/);
    });
  });
});

describe('limits from the environment', () => {
  it('has documented defaults, with introspection and GraphiQL only outside production', () => {
    expect(parseConfig({}).limits).toStrictEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 20,
      maxTokens: 5000,
      maxQueryBytes: 100_000,
      maxBodyBytes: 1_048_576,
      maxCost: 25_000,
      introspection: true,
      graphiql: true,
    });
    const production = parseConfig({ NODE_ENV: 'production' }).limits;
    expect(production.introspection).toBe(false);
    expect(production.graphiql).toBe(false);
    expect(production).toStrictEqual(defaultLimits(true));
  });

  it('reads every limit from its variable', () => {
    const limits = parseConfig({
      NODE_ENV: 'production',
      LEDE_MAX_DEPTH: '8',
      LEDE_MAX_ALIASES: '5',
      LEDE_MAX_DIRECTIVES: '0',
      LEDE_MAX_TOKENS: '800',
      LEDE_MAX_QUERY_BYTES: '20000',
      LEDE_MAX_BODY_BYTES: '65536',
      LEDE_MAX_COST: '500',
      LEDE_INTROSPECTION: 'true',
      LEDE_GRAPHIQL: 'true',
    }).limits;
    expect(limits).toStrictEqual({
      maxDepth: 8,
      maxAliases: 5,
      maxDirectives: 0,
      maxTokens: 800,
      maxQueryBytes: 20_000,
      maxBodyBytes: 65_536,
      maxCost: 500,
      introspection: true,
      graphiql: true,
    });
    expect(parseConfig({ LEDE_INTROSPECTION: 'false', LEDE_GRAPHIQL: 'false' }).limits.graphiql).toBe(false);
  });

  it('reports every bad value together in one ConfigError', () => {
    const error = thrownBy(() =>
      parseConfig({
        LEDE_MAX_DEPTH: 'deep',
        LEDE_MAX_ALIASES: '',
        LEDE_MAX_TOKENS: '1.5',
        LEDE_MAX_COST: '-1',
        LEDE_MAX_BODY_BYTES: '10',
        LEDE_INTROSPECTION: 'yes',
      }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    for (const line of [
      'LEDE_MAX_DEPTH: must be a whole number',
      'LEDE_MAX_ALIASES: must be a whole number',
      'LEDE_MAX_TOKENS: must be a whole number',
      'LEDE_MAX_COST: must be a whole number',
      'LEDE_MAX_BODY_BYTES: must be at least 1024',
      'LEDE_INTROSPECTION: must be true or false',
    ]) {
      expect(error.message.includes(line), `${line}\n${error.message}`).toBeTruthy();
    }
  });
});
