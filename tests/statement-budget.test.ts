import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { besidesSectionTree, startTestGateway, type TestGateway } from './support/gateway.ts';

// The benchmark's five operations (bench/operations), each with the most SQL statements one
// request may send (issue "Performance": front page ≤ 2, article ≤ 3, others ≤ 2). The budgets are
// what Lede sends today, so a change that adds a statement fails here before it shows in the bench.
const operation = (name: string) =>
  readFileSync(new URL(`../bench/operations/${name}.graphql`, import.meta.url), 'utf8');

const BUDGETS = { front: 1, article: 2, section: 2, search: 1, entity: 1 } as const;

/** The same operation with every page size replaced, to prove the count does not grow with it. */
const withPageSize = (query: string, size: number) => query.replace(/first: \d+/g, `first: ${size}`);

describe(`SQL statements per request (${databaseKind})`, () => {
  let lede: TestGateway;
  const variables: Record<keyof typeof BUDGETS, Record<string, unknown>> = {
    front: {},
    article: {},
    section: {},
    search: {},
    entity: {},
  };
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway({ production: true });
    const prisma = lede.database.prisma;
    const sections = await prisma.section.findMany({ where: { parentId: null } });
    const people = await prisma.person.findMany({ take: 3 });
    const organizations = await prisma.organization.findMany({ take: 3 });
    // Enough articles for full pages of 20 and a cursor deep in a section, all sharing an
    // organization (entity page, related articles) and the words "harbour" and "ferry" (search).
    for (let index = 0; index < 45; index++) {
      await prisma.article.create({
        data: {
          slug: `budget-${index}`,
          headline: `Harbour ferry story ${index}`,
          standfirst: 'A standfirst.',
          body: `The harbour ferry ran late on day ${index}.\n\n${'Long body text. '.repeat(200)}`,
          status: 'PUBLISHED',
          publishedAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
          wordCount: 400,
          sectionId: sections[0]?.id as number,
          bylines: {
            create: people.slice(0, 1 + (index % 3)).map((person, position) => ({ personId: person.id, position })),
          },
          organizationMentions: {
            create: organizations.map((organization) => ({ organizationId: organization.id, count: 1 })),
          },
        },
      });
    }
    const deep = await lede.data<{ section: { articles: { pageInfo: { endCursor: string } } } }>(
      'query($slug: String!) { section(slug: $slug) { articles(first: 25) { pageInfo { endCursor } } } }',
      { slug: sections[0]?.slug },
    );
    variables.article = { slug: 'budget-10' };
    variables.section = { slug: sections[0]?.slug, after: deep.section.articles.pageInfo.endCursor };
    variables.search = { query: 'harbour ferry' };
    variables.entity = { slug: organizations[0]?.slug };
  });

  for (const [name, budget] of Object.entries(BUDGETS) as [keyof typeof BUDGETS, number][]) {
    it(`${name}: at most ${budget} statement(s), the same for 2 and 20 items`, async () => {
      const counts: number[] = [];
      for (const size of [2, 20]) {
        const result = await lede.execute(withPageSize(operation(name), size), variables[name]);
        expect(result.errors, JSON.stringify(result.errors)).toBe(undefined);
        expect(JSON.stringify(result.data).includes('"slug"'), `${name} returned no content`).toBeTruthy();
        counts.push(besidesSectionTree(lede.statements).length);
        expect(
          lede.statements.length <= budget,
          `${name} with ${size} items sent ${lede.statements.length} statements:\n${lede.statements.join('\n\n')}`,
        ).toBeTruthy();
      }
      expect(counts[0], `${name}: ${counts[0]} statements for 2 items, ${counts[1]} for 20`).toBe(counts[1]);
    });
  }

  it('reads no article body for lists that do not show it, and reads it when asked', async () => {
    await lede.data(operation('front'));
    expect(lede.statements.join('\n')).not.toMatch(/"body"/);
    await lede.data(operation('section'), variables.section);
    expect(lede.statements.join('\n')).not.toMatch(/"body"/);
    await lede.data('{ articles(first: 3) { edges { node { excerpt(maxLength: 50) } } } }');
    expect(lede.statements.join('\n')).toMatch(/"body"/);
  });

  it('loads related articles with only the columns asked for', async () => {
    const result = await lede.data<{ article: { related: { headline: string; excerpt: string }[] } }>(
      'query($slug: String!) { article(slug: $slug) { related(first: 3) { headline excerpt(maxLength: 30) } } }',
      { slug: 'budget-10' },
    );
    expect(result.article.related.length).toBe(3);
    for (const related of result.article.related) {
      expect(related.headline).toMatch(/^Harbour ferry story \d+$/);
      expect(related.excerpt).toMatch(/^The harbour ferry ran late/);
    }
  });
});
