import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { besidesSectionTree, startTestGateway, type TestGateway } from './support/gateway.ts';

// A front page as a client would ask for it: every relation a list page shows, plus counts.
const FRONT_PAGE = `
  query FrontPage($first: Int!) {
    articles(first: $first) {
      totalCount
      edges {
        node {
          headline urlPath excerpt(maxLength: 120)
          section { name parent { name } articleCount }
          bylines { role person { name articleCount } }
          mentionedPeople { mentionCount person { name mentionCount } }
          mentionedOrganizations { mentionCount organization { name kind mentionCount } }
        }
      }
    }
  }`;

/**
 * The statements that front page sends, whatever its page size: the section tree (unless shared), the page, its
 * total count, bylines, their people, person mentions, their people, organization mentions, their
 * organizations, and one count each for section articles, bylines, person and organization mentions.
 */
const MAX_STATEMENTS = 13;

describe(`batching (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway();
    const prisma = lede.database.prisma;
    const sections = await prisma.section.findMany();
    const people = await prisma.person.findMany();
    const organizations = await prisma.organization.findMany();
    // Enough extra articles that a page of 50 is full, each with bylines and mentions.
    for (let index = 0; index < 60; index++) {
      await prisma.article.create({
        data: {
          slug: `batch-${index}`,
          headline: `Batch story ${index}`,
          body: 'First paragraph.\n\nSecond paragraph.',
          status: 'PUBLISHED',
          publishedAt: new Date(Date.UTC(2026, 0, 1, 0, index)),
          wordCount: 4,
          sectionId: sections[index % sections.length]?.id as number,
          bylines: { create: [{ personId: people[index % people.length]?.id as number, position: 0 }] },
          personMentions: { create: [{ personId: people[(index + 1) % people.length]?.id as number, count: 2 }] },
          organizationMentions: {
            create: [{ organizationId: organizations[index % organizations.length]?.id as number, count: 1 }],
          },
        },
      });
    }
  });

  it(`sends the same number of SQL statements for 5 and 50 articles, at most ${MAX_STATEMENTS}`, async () => {
    const small = await lede.data<{ articles: { edges: unknown[] } }>(FRONT_PAGE, { first: 5 });
    const smallStatements = besidesSectionTree(lede.statements);
    const large = await lede.data<{ articles: { edges: unknown[] } }>(FRONT_PAGE, { first: 50 });
    const largeStatements = besidesSectionTree(lede.statements);

    expect(small.articles.edges.length).toBe(5);
    expect(large.articles.edges.length).toBe(50);
    expect(
      largeStatements.length,
      `5 articles: ${smallStatements.length} statements, 50 articles: ${largeStatements.length}\n${largeStatements.join('\n')}`,
    ).toBe(smallStatements.length);
    expect(
      largeStatements.length <= MAX_STATEMENTS,
      `${largeStatements.length} statements:\n${largeStatements.join('\n')}`,
    ).toBeTruthy();
  });

  it('batches node lookups: 50 articles by ID with their bylines in a constant number of statements', async () => {
    const rows = await lede.database.prisma.article.findMany({ where: { slug: { startsWith: 'batch-' } }, take: 50 });
    const ids = rows.map((row) => Buffer.from(`Article:${row.id}`).toString('base64'));
    const query =
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { headline bylines { person { name } } } } }';
    await lede.data(query, { ids: ids.slice(0, 5) });
    const few = lede.statements.length;
    const { nodes } = await lede.data<{ nodes: { headline: string }[] }>(query, { ids });
    expect(nodes.length).toBe(50);
    expect(lede.statements.length, lede.statements.join('\n')).toBe(few);
  });
});
