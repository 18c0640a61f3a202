import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { databaseKind } from './support/database.ts';
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
const UNPUBLISH = `mutation ($input: VersionedArticleInput!) { ${payload('unpublishArticle', 'article { id version }')} }`;
const DELETE = `mutation ($input: VersionedArticleInput!) { ${payload('deleteArticle', 'deletedId')} }`;
const UPDATE_PERSON = `mutation ($input: UpdatePersonInput!) { ${payload('updatePerson', 'person { id }')} }`;
const UPDATE_SECTION = `mutation ($input: UpdateSectionInput!) { ${payload('updateSection', 'section { id }')} }`;

type Front = { articles: { edges: { node: { id: string; slug: string; headline: string } }[] } };
const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');
const headlines = (front: Front) => front.articles.edges.map((edge) => edge.node.headline);

describe(`response cache (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let sectionId: string;
  before(async () => {
    lede = await startTestGateway({ responseCache: { ttlMs: TTL_MS, maxEntries: 1000 } });
    editor = await lede.apiKey('EDITOR');
    sectionId = id('Section', (await lede.database.prisma.section.findFirstOrThrow({ where: { slug: 'local' } })).id);
  });
  after(() => lede?.close());

  /** Runs an anonymous query and returns its data and how many SQL statements it sent. */
  const anonymous = async <T>(query: string, variables?: Record<string, unknown>) => {
    const data = await lede.data<T>(query, variables);
    return { data, statements: lede.statements.length };
  };
  const write = async (query: string, input: Record<string, unknown>) => {
    // biome-ignore lint/suspicious/noExplicitAny: the payload's shape is checked by the assertions.
    const result = Object.values(await lede.data(query, { input }, { apiKey: editor }))[0] as any;
    assert.match(result.__typename, /Success$/, JSON.stringify(result));
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

  it('answers a repeated anonymous query from the cache, without SQL', async () => {
    const first = await anonymous<Front>(FRONT);
    assert.ok(first.statements > 0);
    const second = await anonymous<Front>(FRONT);
    assert.equal(second.statements, 0);
    assert.deepEqual(second.data, first.data);
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
    assert.ok(
      first.data.articles.edges.some((edge) => edge.node.id === draft.id),
      'the editor sees the draft',
    );
    assert.ok(second.statements > 0, 'the keyed request ran again');
    const reader = await anonymous<Front>(FRONT);
    assert.ok(!reader.data.articles.edges.some((edge) => edge.node.id === draft.id));
    await write(DELETE, { article: draft.id, version: draft.version });
  });

  it('shows every kind of write on the next request', async () => {
    await anonymous(FRONT);
    const article = await createPublished('Cache Test Harbour Opens');
    assert.ok(headlines((await anonymous<Front>(FRONT)).data).includes('Cache Test Harbour Opens'), 'create');

    await anonymous(ARTICLE, { slug: article.slug });
    const updated = (await write(UPDATE, { article: article.id, version: article.version, headline: 'Harbour Closes' }))
      .article;
    const afterUpdate = await anonymous<{ article: { headline: string } }>(ARTICLE, { slug: article.slug });
    assert.equal(afterUpdate.data.article.headline, 'Harbour Closes', 'update');

    const unpublished = (await write(UNPUBLISH, { article: article.id, version: updated.version })).article;
    assert.equal((await anonymous<{ article: null }>(ARTICLE, { slug: article.slug })).data.article, null, 'unpublish');

    const republished = (await write(PUBLISH, { article: article.id, version: unpublished.version })).article;
    assert.ok(headlines((await anonymous<Front>(FRONT)).data).includes('Harbour Closes'), 'publish');

    await write(DELETE, { article: article.id, version: republished.version });
    assert.ok(!headlines((await anonymous<Front>(FRONT)).data).includes('Harbour Closes'), 'delete');

    const person = await lede.database.prisma.person.findFirstOrThrow({ where: { slug: 'maya-chen' } });
    await anonymous(PERSON, { slug: person.slug });
    await write(UPDATE_PERSON, { person: id('Person', person.id), name: 'Maya Chen-Okafor' });
    const renamed = await anonymous<{ person: { name: string } }>(PERSON, { slug: person.slug });
    assert.equal(renamed.data.person.name, 'Maya Chen-Okafor', 'person update');

    await anonymous(SECTION, { slug: 'local' });
    await write(UPDATE_SECTION, { section: sectionId, name: 'Local News' });
    const section = await anonymous<{ section: { name: string } }>(SECTION, { slug: 'local' });
    assert.equal(section.data.section.name, 'Local News', 'section update');
  });

  it('shows a scheduled article once its time comes, though nothing was written then', async () => {
    const at = new Date(Date.now() + 1500).toISOString();
    await createPublished('Embargo Lifts On Cache', at);
    assert.ok(!headlines((await anonymous<Front>(FRONT)).data).includes('Embargo Lifts On Cache'));
    assert.equal((await anonymous<Front>(FRONT)).statements, 0, 'cached while the article is not yet public');
    await sleep(Date.parse(at) - Date.now() + 300);
    assert.ok(headlines((await anonymous<Front>(FRONT)).data).includes('Embargo Lifts On Cache'));
  });

  it('gives anonymous GETs an ETag, Cache-Control, surrogate keys, and 304 on If-None-Match', async () => {
    const url = `http://lede.test/graphql?query=${encodeURIComponent(FRONT)}`;
    const get = (headers: Record<string, string> = {}) =>
      lede.yoga.fetch(url, { headers: { accept: 'application/graphql-response+json', ...headers } });
    await (await get()).text();
    const response = await get();
    const body = (await response.json()) as { data: Front };
    assert.equal(response.headers.get('cache-control'), `public, max-age=${TTL_MS / 1000}`);
    const etag = response.headers.get('etag');
    assert.ok(etag);
    const keys = (response.headers.get('surrogate-key') ?? '').split(' ');
    assert.deepEqual(
      keys.sort(),
      body.data.articles.edges.map((edge) => edge.node.id).sort(),
      'one key per node in the response',
    );
    const notModified = await get({ 'if-none-match': etag });
    assert.equal(notModified.status, 304);

    const keyed = await get({ authorization: `Bearer ${editor}` });
    await keyed.text();
    assert.equal(keyed.headers.get('cache-control'), 'no-store');
    assert.equal(keyed.headers.get('surrogate-key'), null);
  });

  it('marks mutations and POSTs no-store', async () => {
    const post = await lede.gatewayResponse(FRONT);
    await post.text();
    assert.equal(post.headers.get('cache-control'), 'no-store');
  });
});

describe(`response cache shared through Redis (${databaseKind})`, {
  skip: redisMissing || (!process.env.DATABASE_URL && 'two gateways share one database only on PostgreSQL'),
}, () => {
  let redis: { url: string; stop: () => void };
  let first: TestGateway;
  let second: TestGateway;
  before(async () => {
    redis = await startRedisServer();
    const responseCache = { ttlMs: TTL_MS, maxEntries: 1000, redisUrl: redis.url };
    first = await startTestGateway({ responseCache });
    second = await startTestGateway({ responseCache, sharedDatabase: first.databaseTarget });
  });
  after(async () => {
    await second?.close();
    await first?.close();
    redis?.stop();
  });

  it('serves one gateway from what the other cached, and shows a write through one on the other', async () => {
    const before = await first.data<Front>(FRONT);
    assert.ok(first.statements.length > 0);
    assert.deepEqual(await second.data<Front>(FRONT), before);
    assert.equal(second.statements.length, 0, 'the second gateway answered from the shared cache');

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
    assert.equal(created.createArticle.__typename, 'CreateArticleSuccess');
    assert.ok(headlines(await second.data<Front>(FRONT)).includes('Written Through The First Gateway'));
  });
});
