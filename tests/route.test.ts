import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const ROUTE = `query ($path: String!) {
  route(path: $path) {
    canonicalPath redirectTo redirectReason
    node {
      __typename id
      ... on Article { slug urlPath }
      ... on Section { slug urlPath }
      ... on Person { slug urlPath }
      ... on Organization { slug urlPath }
    }
  }
}`;

type Route = {
  canonicalPath: string;
  redirectTo: string | null;
  redirectReason: string | null;
  node: { __typename: string; id: string; slug: string; urlPath: string };
} | null;

describe(`Query.route (${databaseKind})`, () => {
  let lede: TestGateway;
  let reader: string;
  let editor: string;
  const ids: Record<string, string> = {};
  after(() => lede?.close());

  before(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    reader = await lede.apiKey('READER');
    editor = await lede.apiKey('EDITOR');
    const newsroom = await Newsroom.open(lede);
    ids.world = await newsroom.section('World');
    ids.americas = await newsroom.section('Americas', ids.world);
    ids.local = await newsroom.section('Local');
    ids.person = await newsroom.person('Elena Voss');
    ids.organization = await newsroom.organization('Harbour Council');
    const published = '2026-06-01T12:00:00.000Z';
    ids.story = (
      await newsroom.article({ headline: 'Trade Talks Resume', section: ids.americas, publishedAt: published })
    ).id;
    ids.renamed = (await newsroom.article({ headline: 'Old Headline', section: ids.local, publishedAt: published })).id;
    ids.moved = (await newsroom.article({ headline: 'Bridge Closes', section: ids.local, publishedAt: published })).id;
    ids.draft = (await newsroom.article({ headline: 'Secret Plan', section: ids.local, status: 'DRAFT' })).id;
    const update = async (input: Record<string, unknown>) => {
      const { updateArticle } = await lede.data(
        `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { __typename } }`,
        { input: { version: 1, ...input } },
        { apiKey: editor },
      );
      assert.equal(updateArticle.__typename, 'UpdateArticleSuccess');
    };
    await update({ article: ids.renamed, slug: 'new-headline' });
    await update({ article: ids.moved, section: ids.world });
  });

  const route = async (path: string, apiKey?: string) =>
    (await lede.data<{ route: Route }>(ROUTE, { path }, { apiKey })).route;

  it('resolves every urlPath the API hands out to its node, with no redirect', async () => {
    const { nodes } = await lede.data(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { urlPath } ... on Section { urlPath }
        ... on Person { urlPath } ... on Organization { urlPath } } }`,
      { ids: [ids.story, ids.renamed, ids.moved, ids.world, ids.americas, ids.local, ids.person, ids.organization] },
    );
    for (const node of nodes as { id: string; urlPath: string }[]) {
      const found = await route(node.urlPath);
      assert.equal(found?.node.id, node.id, node.urlPath);
      assert.equal(found?.canonicalPath, node.urlPath);
      assert.equal(found?.redirectTo, null);
      assert.equal(found?.redirectReason, null);
    }
    assert.equal((await route('/world/americas/trade-talks-resume'))?.node.__typename, 'Article');
    assert.equal((await route('/world/americas'))?.node.__typename, 'Section');
    assert.equal((await route('/people/elena-voss'))?.node.__typename, 'Person');
    assert.equal((await route('/organizations/harbour-council'))?.node.__typename, 'Organization');
  });

  it("redirects an article's former slug to its current path", async () => {
    const found = await route('/local/old-headline');
    assert.equal(found?.node.id, ids.renamed);
    assert.equal(found?.redirectTo, '/local/new-headline');
    assert.equal(found?.redirectReason, 'FORMER_SLUG');
  });

  it('redirects an article that moved to another section, and a section path that lost its parent', async () => {
    const article = await route('/local/bridge-closes');
    assert.equal(article?.node.id, ids.moved);
    assert.equal(article?.redirectTo, '/world/bridge-closes');
    assert.equal(article?.redirectReason, 'MOVED');
    const section = await route('/americas');
    assert.equal(section?.node.id, ids.americas);
    assert.equal(section?.redirectTo, '/world/americas');
    assert.equal(section?.redirectReason, 'MOVED');
  });

  it('forgives case, slashes, percent-encoding, query strings and full URLs, saying what is canonical', async () => {
    for (const path of [
      '/World/Americas/Trade-Talks-Resume',
      '/world/americas/trade-talks-resume/',
      '//world//americas/trade-talks-resume',
      '/world/americas/trade%2Dtalks%2Dresume',
    ]) {
      const found = await route(path);
      assert.equal(found?.node.id, ids.story, path);
      assert.equal(found?.redirectTo, '/world/americas/trade-talks-resume', path);
      assert.equal(found?.redirectReason, 'NOT_CANONICAL', path);
    }
    // A path without its leading slash is read from the root; query strings are not part of the path.
    for (const path of [
      'world/americas/trade-talks-resume',
      '/world/americas/trade-talks-resume?utm_source=feed',
      '/world/americas/trade-talks-resume#comments',
      'https://news.example/world/americas/trade-talks-resume?page=2',
    ]) {
      const found = await route(path);
      assert.equal(found?.node.id, ids.story, path);
      assert.equal(found?.redirectTo, null, path);
    }
  });

  it('answers null for unknown paths and for drafts without an API key', async () => {
    for (const path of [
      '/',
      '',
      '/nowhere',
      '/world/americas/no-such-story',
      '/people/nobody',
      '/people',
      '/organizations/elena-voss',
      '/local/secret-plan',
    ]) {
      assert.equal(await route(path), null, path);
    }
    const draft = await route('/local/secret-plan', reader);
    assert.equal(draft?.node.id, ids.draft);
  });

  it('answers null for hostile paths that cannot name anything, and never fails', async () => {
    for (const path of [
      '/../../etc/passwd',
      "/local/x' OR '1'='1",
      '/local/%00',
      '/local/%2F..%2Fsecret-plan',
      '/loc\u0000al',
      '/caf\u00e9/na\u00efve',
      `/${'a/'.repeat(500)}`,
      '/local/<script>alert(1)</script>',
    ]) {
      const result = await lede.execute<{ route: Route }>(ROUTE, { path });
      assert.equal(result.errors, undefined, `${path}: ${JSON.stringify(result.errors)}`);
      assert.equal(result.data?.route, null, path);
    }
    assert.deepEqual(lede.unexpectedErrors, []);
  });

  it('refuses malformed percent-encoding and overlong paths with a clear error', async () => {
    for (const [path, pattern] of [
      ['/local/%E0%A4%A', /percent-encoding/],
      ['/local/%zz', /percent-encoding/],
      [`/${'a'.repeat(3000)}`, /at most 2048 characters/],
    ] as const) {
      const result = await lede.execute(ROUTE, { path });
      assert.equal(result.errors?.length, 1, path);
      assert.match(result.errors?.[0]?.message ?? '', /path/);
      assert.match(result.errors?.[0]?.message ?? '', pattern);
      assert.equal(result.data?.route ?? null, null);
    }
    assert.deepEqual(lede.unexpectedErrors, []);
  });
});
