import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_GENERATION_KEY } from '../src/cache/response-cache.ts';
import { schema } from '../src/schema/index.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { redisMissing, startRedisServer } from './support/redis-server.ts';

const TTL_MS = 60_000;
const FRONT = '{ articles(first: 10) { edges { node { id slug headline } } } }';
const ARTICLE = 'query ($slug: String!) { article(slug: $slug) { id headline } }';
const PERSON = 'query ($slug: String!) { person(slug: $slug) { id name } }';
const SECTION = 'query ($slug: String!) { section(slug: $slug) { id name } }';
const RESULT = '__typename ... on Error { message }';
const payload = (name: string, fields: string) =>
  `${name}(input: $input) { ${RESULT} ... on ${name[0]?.toUpperCase()}${name.slice(1)}Success { ${fields} } }`;
const CREATE = `mutation ($input: CreateArticleInput!) { ${payload('createArticle', 'article { id slug version }')} }`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { ${payload('updateArticle', 'article { id version }')} }`;
const PUBLISH = `mutation ($input: PublishArticleInput!) { ${payload('publishArticle', 'article { id version }')} }`;
const UNPUBLISH = `mutation ($input: UnpublishArticleInput!) { ${payload('unpublishArticle', 'article { id version }')} }`;
const DELETE = `mutation ($input: DeleteArticleInput!) { ${payload('deleteArticle', 'deletedId')} }`;
const UPDATE_PERSON = `mutation ($input: UpdatePersonInput!) { ${payload('updatePerson', 'person { id }')} }`;
const UPDATE_SECTION = `mutation ($input: UpdateSectionInput!) { ${payload('updateSection', 'section { id }')} }`;

type Front = { articles: { edges: { node: { id: string; slug: string; headline: string } }[] } };
const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');
const headlines = (front: Front) => front.articles.edges.map((edge) => edge.node.headline);

describe(`response cache (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let sectionId: string;
  let startupStatements: string[];
  beforeAll(async () => {
    lede = await startTestGateway({ responseCache: { ttlMs: TTL_MS, maxEntries: 1000 } });
    startupStatements = [...lede.statements];
    editor = await lede.apiKey('EDITOR');
    sectionId = id('Section', (await lede.database.prisma.section.findFirstOrThrow({ where: { slug: 'local' } })).id);
  });
  afterAll(() => lede?.close());

  /** Runs an anonymous query and returns its data and how many SQL statements it sent. */
  const anonymous = async <T>(query: string, variables?: Record<string, unknown>) => {
    const data = await lede.data<T>(query, variables);
    return { data, statements: lede.statements.length };
  };
  const write = async (query: string, input: Record<string, unknown>) => {
    // biome-ignore lint/suspicious/noExplicitAny: the payload's shape is checked by the assertions.
    const result = Object.values(await lede.data(query, { input }, { apiKey: editor }))[0] as any;
    expect(result.__typename, JSON.stringify(result)).toMatch(/Success$/);
    return result;
  };
  const createPublished = async (headline: string, publishedAt?: string) =>
    (
      await write(CREATE, {
        headline,
        section: sectionId,
        paragraphs: ['One paragraph.'],
        status: 'PUBLISHED',
        ...(publishedAt ? { publishedAt } : {}),
      })
    ).article as { id: string; slug: string; version: number };

  it('knows the next scheduled publication before it is ready, so the lookup never runs inside a request', async () => {
    expect(startupStatements.some((sql) => /"publishedAt" FROM "public"\."Article"/.test(sql))).toBe(true);
  });

  it('answers a repeated anonymous query from the cache, without SQL', async () => {
    const first = await anonymous<Front>(FRONT);
    expect(first.statements > 0).toBeTruthy();
    const second = await anonymous<Front>(FRONT);
    expect(second.statements).toBe(0);
    expect(second.data).toStrictEqual(first.data);
  });

  it('runs a query once when several readers miss it at the same time', async () => {
    // Each query text below is new to the cache, so every request of a burst misses it.
    const alone = await anonymous<{ alone: Front['articles'] }>(
      '{ alone: articles(first: 10) { edges { node { id slug headline } } } }',
    );
    expect(alone.statements > 0).toBeTruthy();
    lede.statements.length = 0;
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        lede.gatewayResponse('{ burst: articles(first: 10) { edges { node { id slug headline } } } }'),
      ),
    );
    const bodies = (await Promise.all(burst.map((response) => response.json()))) as { data?: unknown }[];
    expect(lede.statements.length, 'statements for eight readers at once').toBe(alone.statements);
    for (const body of bodies) expect(body.data).toStrictEqual({ burst: alone.data.alone });
  });

  it('lets readers waiting on an answer that cannot be cached run the query themselves', async () => {
    // This gateway caches no answer of more than 64 bytes, so the first reader's front page is never
    // stored. Its request timeout, which bounds how long readers wait for a first answer, is far past
    // the test's own: readers left waiting after that answer would stall the test until it fails.
    const small = await startTestGateway({
      responseCache: { ttlMs: TTL_MS, maxEntries: 1000, maxEntryBytes: 64 },
      operations: { requestTimeoutMs: 600_000 },
    });
    try {
      await small.data<Front>(FRONT); // Warms up: the gateway's own start-up statements end here.
      const alone = await small.data<Front>(FRONT);
      const once = small.statements.length;
      expect(once > 0).toBeTruthy();
      small.statements.length = 0;
      const burst = await Promise.all(Array.from({ length: 4 }, () => small.gatewayResponse(FRONT)));
      const bodies = (await Promise.all(burst.map((response) => response.json()))) as { data?: unknown }[];
      for (const body of bodies) expect(body.data).toStrictEqual(alone);
      expect(small.statements.length, 'every reader ran the query').toBe(4 * once);
    } finally {
      await small.close();
    }
  });

  it('never caches requests with an API key, so drafts never reach anonymous readers', async () => {
    const draft = (
      await write(CREATE, { headline: 'Cached Draft Must Not Leak', section: sectionId, paragraphs: ['Draft.'] })
    ).article;
    const keyed = async () => {
      const data = await lede.data<Front>(FRONT, undefined, { apiKey: editor });
      return { data, statements: lede.statements.length };
    };
    const first = await keyed();
    const second = await keyed();
    expect(
      first.data.articles.edges.some((edge) => edge.node.id === draft.id),
      'the editor sees the draft',
    ).toBeTruthy();
    expect(second.statements > 0, 'the keyed request ran again').toBeTruthy();
    const reader = await anonymous<Front>(FRONT);
    expect(!reader.data.articles.edges.some((edge) => edge.node.id === draft.id)).toBeTruthy();
    await write(DELETE, { article: draft.id, version: draft.version });
  });

  it('shows every kind of write on the next request', async () => {
    await anonymous(FRONT);
    const article = await createPublished('Cache Test Harbour Opens');
    expect(headlines((await anonymous<Front>(FRONT)).data).includes('Cache Test Harbour Opens'), 'create').toBeTruthy();

    await anonymous(ARTICLE, { slug: article.slug });
    const updated = (await write(UPDATE, { article: article.id, version: article.version, headline: 'Harbour Closes' }))
      .article;
    const afterUpdate = await anonymous<{ article: { headline: string } }>(ARTICLE, { slug: article.slug });
    expect(afterUpdate.data.article.headline, 'update').toBe('Harbour Closes');

    const unpublished = (await write(UNPUBLISH, { article: article.id, version: updated.version })).article;
    expect((await anonymous<{ article: null }>(ARTICLE, { slug: article.slug })).data.article, 'unpublish').toBe(null);

    const republished = (await write(PUBLISH, { article: article.id, version: unpublished.version })).article;
    expect(headlines((await anonymous<Front>(FRONT)).data).includes('Harbour Closes'), 'publish').toBeTruthy();

    await write(DELETE, { article: article.id, version: republished.version });
    expect(!headlines((await anonymous<Front>(FRONT)).data).includes('Harbour Closes'), 'delete').toBeTruthy();

    const person = await lede.database.prisma.person.findFirstOrThrow({ where: { slug: 'maya-chen' } });
    await anonymous(PERSON, { slug: person.slug });
    await write(UPDATE_PERSON, { person: id('Person', person.id), name: 'Maya Chen-Okafor' });
    const renamed = await anonymous<{ person: { name: string } }>(PERSON, { slug: person.slug });
    expect(renamed.data.person.name, 'person update').toBe('Maya Chen-Okafor');

    await anonymous(SECTION, { slug: 'local' });
    await write(UPDATE_SECTION, { section: sectionId, name: 'Local News' });
    const section = await anonymous<{ section: { name: string } }>(SECTION, { slug: 'local' });
    expect(section.data.section.name, 'section update').toBe('Local News');
  });

  it("keeps what it cached through mutations nobody allowed: an anonymous or a reader's write is refused and purges nothing", async () => {
    await anonymous(FRONT);
    expect((await anonymous(FRONT)).statements, 'cached').toBe(0);
    const input = { section: sectionId, name: 'Emptied By Anyone' };
    const refused = await lede.execute(UPDATE_SECTION, { input });
    expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused)).toBe('UNAUTHENTICATED');
    expect(lede.statements, 'the refused write sent no SQL').toStrictEqual([]);
    const reader = await lede.apiKey('READER');
    const forbidden = await lede.execute(UPDATE_SECTION, { input }, { apiKey: reader });
    expect(forbidden.errors?.[0]?.extensions?.code, JSON.stringify(forbidden)).toBe('FORBIDDEN');
    expect((await anonymous(FRONT)).statements, 'still cached').toBe(0);
  });

  it('may leave refused mutations out of purging: every mutation that changes content asks for editor or admin', () => {
    // What mayChangeContent (src/api-keys/keys.ts) relies on; a mutation for anyone else that
    // changes content must say so here and purge the cache for its callers too.
    const fields = Object.values(schema.getMutationType()?.getFields() ?? {});
    expect(fields.length > 0).toBe(true);
    for (const field of fields) {
      if (field.extensions.leavesContentUnchanged === true) continue;
      const scopes = (field.extensions.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
      expect([{ editor: true }, { admin: true }], `${field.name}'s authScopes`).toContainEqual(scopes);
    }
  });

  it('shows a scheduled article once its time comes, though nothing was written then', async () => {
    const at = new Date(Date.now() + 1500).toISOString();
    await createPublished('Embargo Lifts On Cache', at);
    expect(!headlines((await anonymous<Front>(FRONT)).data).includes('Embargo Lifts On Cache')).toBeTruthy();
    expect((await anonymous<Front>(FRONT)).statements, 'cached while the article is not yet public').toBe(0);
    await sleep(Date.parse(at) - Date.now() + 300);
    expect(headlines((await anonymous<Front>(FRONT)).data).includes('Embargo Lifts On Cache')).toBeTruthy();
  });

  it('gives anonymous GETs an ETag, Cache-Control, surrogate keys, and 304 on If-None-Match', async () => {
    const url = `http://lede.test/graphql?query=${encodeURIComponent(FRONT)}`;
    const get = (headers: Record<string, string> = {}) =>
      lede.yoga.fetch(url, { headers: { accept: 'application/graphql-response+json', ...headers } });
    await (await get()).text();
    const response = await get();
    const body = (await response.json()) as { data: Front };
    expect(response.headers.get('cache-control')).toBe(`public, max-age=${TTL_MS / 1000}`);
    const etag = response.headers.get('etag');
    expectTruthy(etag);
    const keys = (response.headers.get('surrogate-key') ?? '').split(' ');
    expect(keys.sort(), 'one key per node in the response').toStrictEqual(
      body.data.articles.edges.map((edge) => edge.node.id).sort(),
    );
    const notModified = await get({ 'if-none-match': etag });
    expect(notModified.status).toBe(304);

    const keyed = await get({ authorization: `Bearer ${editor}` });
    await keyed.text();
    expect(keyed.headers.get('cache-control')).toBe('no-store');
    expect(keyed.headers.get('surrogate-key')).toBe(null);
  });

  it('marks mutations and POSTs no-store', async () => {
    const post = await lede.gatewayResponse(FRONT);
    await post.text();
    expect(post.headers.get('cache-control')).toBe('no-store');
  });
});

describe.skipIf(redisMissing)(`response cache in Redis (${databaseKind})`, () => {
  let redisServer: { url: string; stop: () => void };
  let lede: TestGateway;
  let redis: Redis;
  beforeAll(async () => {
    redisServer = await startRedisServer();
    lede = await startTestGateway({ responseCache: { ttlMs: 2_000, maxEntries: 1000, redisUrl: redisServer.url } });
    redis = new Redis(redisServer.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await lede?.close();
    redisServer?.stop();
  });

  it('keeps one key per response, each with its TTL, and a purge makes them all misses', async () => {
    const distinct = (n: number) =>
      `{ q${n}: articles(first: 3) { edges { node { id headline section { id name } } } } }`;
    for (let n = 0; n < 20; n++) await lede.data(distinct(n));
    expect(await lede.data(distinct(0))).toBeTruthy();
    expect(lede.statements, 'answered from Redis').toStrictEqual([]);
    const keys = await redis.keys('*');
    const responses = keys.filter((key) => key !== REDIS_GENERATION_KEY);
    expect(responses.length, keys.join(' ')).toBe(20);
    for (const key of responses) {
      const ttl = await redis.pttl(key);
      expect(ttl > 0 && ttl <= 2_000, `${key}: ${ttl} ms`).toBe(true);
    }
    await lede.responseCache?.purgeAll();
    await lede.data(distinct(0));
    expect(lede.statements.length > 0, 'a miss after the purge').toBe(true);
    await sleep(2_100);
    expect(await redis.keys('*'), 'every response expired; no index is left behind').toStrictEqual([
      REDIS_GENERATION_KEY,
    ]);
  });
});

// Two gateways share one database only on PostgreSQL.
describe.skipIf(redisMissing || !process.env.DATABASE_URL)(
  `response cache shared through Redis (${databaseKind})`,
  () => {
    let redis: { url: string; stop: () => void };
    let first: TestGateway;
    let second: TestGateway;
    beforeAll(async () => {
      redis = await startRedisServer();
      const responseCache = { ttlMs: TTL_MS, maxEntries: 1000, redisUrl: redis.url };
      first = await startTestGateway({ responseCache });
      second = await startTestGateway({ responseCache, sharedDatabase: first.databaseTarget });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
      redis?.stop();
    });

    it('serves one gateway from what the other cached, and shows a write through one on the other', async () => {
      const before = await first.data<Front>(FRONT);
      expect(first.statements.length > 0).toBeTruthy();
      expect(await second.data<Front>(FRONT)).toStrictEqual(before);
      expect(second.statements, 'the second gateway answered from the shared cache').toStrictEqual([]);

      const editor = await first.apiKey('EDITOR');
      const section = await first.database.prisma.section.findFirstOrThrow({ where: { slug: 'local' } });
      const created = await first.data(
        `mutation ($input: CreateArticleInput!) { ${payload('createArticle', 'article { id }')} }`,
        {
          input: {
            headline: 'Written Through The First Gateway',
            section: id('Section', section.id),
            paragraphs: ['One paragraph.'],
            status: 'PUBLISHED',
          },
        },
        { apiKey: editor },
      );
      expect(created.createArticle.__typename).toBe('CreateArticleSuccess');
      expect(headlines(await second.data<Front>(FRONT)).includes('Written Through The First Gateway')).toBeTruthy();
    });
  },
);
