import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURATED_FRONT_PAGE_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

/**
 * Most SQL statements a curated front page may send, however many collections it shows: the
 * collections with their current revisions, the section tree, the slots' articles (visible items
 * and every collection's backfill) and the articles themselves.
 */
const FRONT_PAGE_BUDGET = 4;

type Item = { position: number; source: string; article: { headline: string; section: { name: string } } };
type FrontPage = Record<string, { title: string; items: Item[] }>;

/** The example's front page with `count` collections, each under its own alias. */
const frontPageOf = (slugs: string[]) =>
  CURATED_FRONT_PAGE_QUERY.replace(
    /query CuratedFront \{[\s\S]*?\n\}\n/,
    `query CuratedFront {\n${slugs.map((slug, index) => `  c${index}: collection(slug: "${slug}") {\n    ...CuratedCollection\n  }\n`).join('')}}\n`,
  );

describe(`a curated front page (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ production: true });
  });

  it("the GraphiQL example shows the sample front page's pins, picks and backfill", async () => {
    const page = await lede.data<FrontPage>(CURATED_FRONT_PAGE_QUERY);
    const top = page.top?.items ?? [];
    expect(page.top?.title).toBe('Top stories');
    expect(top.map((item) => [item.position, item.source])).toStrictEqual([
      [0, 'PINNED'],
      [1, 'PICKED'],
      [2, 'BACKFILL'],
      [3, 'BACKFILL'],
      [4, 'BACKFILL'],
    ]);
    expect(top[0]?.article.headline).toBe('Council Passes 2027 Budget After Late-Night Session');
    // Backfill never repeats an article the editors placed.
    expect(new Set(top.map((item) => item.article.headline)).size).toBe(5);
    // The World collection fills from World and the sections below it.
    expect(page.world?.items.length).toBe(4);
    for (const item of page.world?.items ?? [])
      expect(['Americas', 'Europe', 'World']).toContain(item.article.section.name);
    expect(page.sport?.items.every((item) => item.source === 'BACKFILL' && item.article.section.name === 'Sport')).toBe(
      true,
    );
  });

  it('shows the most read stories beside the collections, once reads are counted', async () => {
    const { articles } = await lede.data<{ articles: { nodes: { id: string; headline: string }[] } }>(
      '{ articles(first: 2) { nodes { id headline } } }',
    );
    const [once, twice] = articles.nodes;
    // Two readers, told apart by their user agents; the second read only one of the two.
    const read = (article: string | undefined, reader: string) =>
      lede.yoga.fetch('http://lede.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': reader },
        body: JSON.stringify({
          query: 'mutation ($article: ID!) { recordArticleView(input: { article: $article }) { __typename } }',
          variables: { article },
        }),
      });
    await read(once?.id, 'reader one');
    await read(twice?.id, 'reader one');
    await read(twice?.id, 'reader two');
    await lede.mostRead.flush();
    const page = await lede.data<{ mostRead: { nodes: { headline: string }[] } }>(CURATED_FRONT_PAGE_QUERY);
    expect(page.mostRead.nodes.map((node) => node.headline)).toStrictEqual([twice?.headline, once?.headline]);
  });

  it(`sends at most ${FRONT_PAGE_BUDGET} SQL statements, the same for 2 and 10 collections`, async () => {
    const editor = await lede.apiKey('EDITOR');
    const sections = await lede.data<{ sections: { id: string; slug: string }[] }>('{ sections { id slug } }');
    const articles = await lede.data<{ articles: { nodes: { id: string }[] } }>(
      '{ articles(first: 8) { nodes { id } } }',
    );
    // Six more collections, each with its own rule, a pin and a pick.
    const extra: string[] = [];
    for (const [index, section] of sections.sections.slice(0, 6).entries()) {
      const slug = `front/extra-${index}`;
      extra.push(slug);
      const created = await lede.data(
        `mutation ($input: CreateCollectionInput!) { createCollection(input: $input) { ... on CreateCollectionSuccess { collection { version } } } }`,
        {
          input: {
            slug,
            title: `Extra ${index}`,
            size: 4,
            ...(index % 2
              ? { section: section.id }
              : { backfill: { rule: 'FILTER', filter: { sections: [section.id] } } }),
          },
        },
        { apiKey: editor },
      );
      expect(created.createCollection.collection.version).toBe(1);
      const items = await lede.data(
        `mutation ($input: SetCollectionItemsInput!) { setCollectionItems(input: $input) { __typename } }`,
        {
          input: {
            collection: slug,
            version: 1,
            items: [
              { article: articles.articles.nodes[index]?.id, pinned: true },
              { article: articles.articles.nodes[index + 1]?.id },
            ],
          },
        },
        { apiKey: editor },
      );
      expect(items.setCollectionItems.__typename).toBe('SetCollectionItemsSuccess');
    }

    const counts: number[] = [];
    for (const slugs of [
      ['front/top', 'front/world'],
      ['front/top', 'front/world', 'front/sport', 'politics/top', ...extra],
    ]) {
      const page = await lede.data<FrontPage>(frontPageOf(slugs));
      expect(Object.values(page).every((collection) => collection.items.length > 0)).toBe(true);
      counts.push(lede.statements.length);
      expect(
        lede.statements.length <= FRONT_PAGE_BUDGET,
        `${slugs.length} collections sent ${lede.statements.length} statements:\n${lede.statements.join('\n\n')}`,
      ).toBe(true);
    }
    expect(counts[0], `${counts[0]} statements for 2 collections, ${counts[1]} for 10`).toBe(counts[1]);
  });
});
