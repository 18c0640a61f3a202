import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  afterAll(() => lede?.close());

  beforeAll(async () => {
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
      expect(updateArticle.__typename).toBe('UpdateArticleSuccess');
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
      expect(found?.node.id, node.urlPath).toBe(node.id);
      expect(found?.canonicalPath).toBe(node.urlPath);
      expect(found?.redirectTo).toBe(null);
      expect(found?.redirectReason).toBe(null);
    }
    expect((await route('/world/americas/trade-talks-resume'))?.node.__typename).toBe('Article');
    expect((await route('/world/americas'))?.node.__typename).toBe('Section');
    expect((await route('/people/elena-voss'))?.node.__typename).toBe('Person');
    expect((await route('/organizations/harbour-council'))?.node.__typename).toBe('Organization');
  });

  it("redirects an article's former slug to its current path", async () => {
    const found = await route('/local/old-headline');
    expect(found?.node.id).toBe(ids.renamed);
    expect(found?.redirectTo).toBe('/local/new-headline');
    expect(found?.redirectReason).toBe('FORMER_SLUG');
  });

  it('redirects an article that moved to another section, and a section path that lost its parent', async () => {
    const article = await route('/local/bridge-closes');
    expect(article?.node.id).toBe(ids.moved);
    expect(article?.redirectTo).toBe('/world/bridge-closes');
    expect(article?.redirectReason).toBe('MOVED');
    const section = await route('/americas');
    expect(section?.node.id).toBe(ids.americas);
    expect(section?.redirectTo).toBe('/world/americas');
    expect(section?.redirectReason).toBe('MOVED');
  });

  it('forgives case, slashes, percent-encoding, query strings and full URLs, saying what is canonical', async () => {
    for (const path of [
      '/World/Americas/Trade-Talks-Resume',
      '/world/americas/trade-talks-resume/',
      '//world//americas/trade-talks-resume',
      '/world/americas/trade%2Dtalks%2Dresume',
    ]) {
      const found = await route(path);
      expect(found?.node.id, path).toBe(ids.story);
      expect(found?.redirectTo, path).toBe('/world/americas/trade-talks-resume');
      expect(found?.redirectReason, path).toBe('NOT_CANONICAL');
    }
    // A path without its leading slash is read from the root; query strings are not part of the path.
    for (const path of [
      'world/americas/trade-talks-resume',
      '/world/americas/trade-talks-resume?utm_source=feed',
      '/world/americas/trade-talks-resume#comments',
      'https://news.example/world/americas/trade-talks-resume?page=2',
    ]) {
      const found = await route(path);
      expect(found?.node.id, path).toBe(ids.story);
      expect(found?.redirectTo, path).toBe(null);
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
      expect(await route(path), path).toBe(null);
    }
    const draft = await route('/local/secret-plan', reader);
    expect(draft?.node.id).toBe(ids.draft);
  });

  it('answers null for hostile paths that cannot name anything, and never fails', async () => {
    for (const path of [
      '/../../etc/passwd',
      "/local/x' OR '1'='1",
      '/local/%00',
      '/local/%2F..%2Fsecret-plan',
      '/caf\u00e9/na\u00efve',
      `/${'a/'.repeat(500)}`,
      '/local/<script>alert(1)</script>',
    ]) {
      const result = await lede.execute<{ route: Route }>(ROUTE, { path });
      expect(result.errors, `${path}: ${JSON.stringify(result.errors)}`).toBe(undefined);
      expect(result.data?.route, path).toBe(null);
    }
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });

  it('refuses malformed percent-encoding and overlong paths with a clear error', async () => {
    for (const [path, pattern] of [
      ['/local/%E0%A4%A', /percent-encoding/],
      ['/local/%zz', /percent-encoding/],
      ['/loc\u0000al', /NUL/],
      [`/${'a'.repeat(3000)}`, /at most 2048 characters/],
    ] as const) {
      const result = await lede.execute(ROUTE, { path });
      expect(result.errors?.length, path).toBe(1);
      expect(result.errors?.[0]?.message ?? '').toMatch(/path/);
      expect(result.errors?.[0]?.message ?? '').toMatch(pattern);
      expect(result.data?.route ?? null).toBe(null);
    }
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });
});
