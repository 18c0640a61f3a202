import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const TTL_MS = 60_000;
const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');

/** The "full article for a mobile screen" query of docs/api.md, which selects no `id` anywhere. */
function docsArticleScreen(): string {
  const doc = readFileSync('docs/api.md', 'utf8');
  const start = doc.indexOf('# A full article for a mobile screen');
  expect(start >= 0, 'docs/api.md has the mobile article query').toBeTruthy();
  return doc.slice(start, doc.indexOf('```', start));
}

describe(`HTTP caching of GraphQL responses (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  const query = docsArticleScreen();
  const url = `http://lede.test/graphql?query=${encodeURIComponent(query)}`;
  const get = (headers: Record<string, string> = {}) =>
    lede.yoga.fetch(url, { headers: { accept: 'application/graphql-response+json', ...headers } });

  beforeAll(async () => {
    lede = await startTestGateway({ responseCache: { ttlMs: TTL_MS, maxEntries: 1000 } });
    editor = await lede.apiKey('EDITOR');
  });
  afterAll(() => lede?.close());

  it('names every node of the mobile article of docs/api.md in purge keys, though the query selects no id', async () => {
    expect(query).not.toMatch(/\bid\b/);
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { slug: 'council-approves-riverside-bike-lane-budget' },
      include: { bylines: true, personMentions: true, organizationMentions: true },
    });
    const expected = [
      id('Article', article.id),
      id('Section', article.sectionId),
      ...article.bylines.map((byline) => id('Person', byline.personId)),
      ...article.personMentions.map((mention) => id('Person', mention.personId)),
      ...article.organizationMentions.map((mention) => id('Organization', mention.organizationId)),
    ];
    expect(article.bylines.length > 0 && article.personMentions.length > 0).toBeTruthy();

    const fresh = await get();
    await fresh.text();
    const cached = await get();
    await cached.text();
    for (const response of [fresh, cached]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(`public, max-age=${TTL_MS / 1000}`);
      const keys = (response.headers.get('surrogate-key') ?? '').split(' ');
      for (const key of expected) expect(keys, `Surrogate-Key names ${key}`).toContain(key);
      expect((response.headers.get('cache-tag') ?? '').split(',').sort()).toStrictEqual([...keys].sort());
    }
    expect(cached.headers.get('etag')).toBe(fresh.headers.get('etag'));
    expect(cached.headers.get('surrogate-key')).toBe(fresh.headers.get('surrogate-key'));
  });

  it('sends a quoted strong ETag and answers If-None-Match with 304, also weakly compared', async () => {
    const response = await get();
    await response.text();
    const etag = response.headers.get('etag');
    expectTruthy(etag);
    expect(etag).toMatch(/^"[^"\s]+"$/);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`, '*']) {
      const notModified = await get({ 'if-none-match': ifNoneMatch });
      expect(notModified.status, ifNoneMatch).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('etag')).toBe(etag);
      expect(notModified.headers.get('cache-control')).toBe(`public, max-age=${TTL_MS / 1000}`);
      expect(notModified.headers.get('surrogate-key')).toBe(response.headers.get('surrogate-key'));
    }
    const other = await get({ 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
    await other.text();
    const unquoted = await get({ 'if-none-match': etag.slice(1, -1).replace(/./, 'x') });
    expect(unquoted.status).toBe(200);
    await unquoted.text();
  });

  it('changes the ETag when the content changes, so an old one gets the new content', async () => {
    const before = await get();
    const oldBody = (await before.json()) as { data: { article: { headline: string } } };
    const oldTag = before.headers.get('etag');
    expectTruthy(oldTag);
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { slug: 'council-approves-riverside-bike-lane-budget' },
    });
    const updated = await lede.data(
      `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { __typename } }`,
      {
        input: { article: id('Article', article.id), version: article.version, headline: 'Bike Lane Budget Approved' },
      },
      { apiKey: editor },
    );
    expect(updated.updateArticle.__typename).toBe('UpdateArticleSuccess');
    const after = await get({ 'if-none-match': oldTag });
    expect(after.status).toBe(200);
    const newBody = (await after.json()) as { data: { article: { headline: string } } };
    expect(newBody.data.article.headline).toBe('Bike Lane Budget Approved');
    expect(oldBody.data.article.headline).not.toBe('Bike Lane Budget Approved');
    expect(after.headers.get('etag')).not.toBe(oldTag);
    expect(after.headers.get('etag')).toMatch(/^"[^"\s]+"$/);
  });

  it('keeps ETags for identical content, and no-store with no purge keys for keyed requests and POSTs', async () => {
    const keyed = await get({ authorization: `Bearer ${editor}` });
    await keyed.text();
    expect(keyed.headers.get('cache-control')).toBe('no-store');
    expect(keyed.headers.get('surrogate-key')).toBe(null);
    const post = await lede.gatewayResponse(query);
    await post.text();
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(post.headers.get('surrogate-key')).toBe(null);
    expect(post.headers.get('cache-tag')).toBe(null);
  });
});

describe(`GraphiQL's caching (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
  });
  afterAll(() => lede?.close());

  const fetchPath = (path: string, headers: Record<string, string> = {}) =>
    lede.yoga.fetch(`http://lede.test${path}`, { headers: { accept: 'text/html', ...headers } });

  it('sends a small page that is cheap to revalidate: ETag, no-cache, 304', async () => {
    const page = await fetchPath('/graphql');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toMatch(/<title>Lede GraphiQL<\/title>/);
    expect(html.length < 200_000, `the page is ${html.length} characters`).toBeTruthy();
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag');
    expectTruthy(etag);
    expect(etag).toMatch(/^"[^"\s]+"$/);
    const again = await fetchPath('/graphql', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('serves its scripts, styles and icon under content-hashed names, cached for a year', async () => {
    const html = await (await fetchPath('/graphql')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((match) => match[1] as string);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBeTruthy();
    expect(assets.some((asset) => asset.endsWith('.css'))).toBeTruthy();
    for (const asset of assets) {
      const response = await fetchPath(asset, { accept: '*/*' });
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = Buffer.from(await response.arrayBuffer());
      const hash = /-([0-9a-f]+)\.\w+$/.exec(asset)?.[1] ?? '';
      expect(
        createHash('sha256').update(bytes).digest('hex').startsWith(hash),
        `${asset} is named by its content`,
      ).toBe(true);
      const etag = response.headers.get('etag');
      expectTruthy(etag);
      expect((await fetchPath(asset, { 'if-none-match': etag })).status).toBe(304);
    }
    const script = await (await fetchPath(assets.find((asset) => asset.endsWith('.js')) as string)).text();
    expect(script).toMatch(/YogaGraphiQL/);
    expect((await fetchPath('/graphiql/assets/graphiql-0000.js')).status).toBe(404);
  });
});
