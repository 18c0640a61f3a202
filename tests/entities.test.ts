import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_QUERY, FRONT_PAGE_QUERY, PERSON_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

describe(`sections, people and organizations (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });

  it('serves the section tree with breadcrumbs, paths and counts', async () => {
    const { sections, americas, missing } = await lede.data(`{
      sections { slug position children { slug } }
      americas: section(slug: "americas") {
        name urlPath parent { slug } ancestors { slug } articleCount
        articles(first: 100) { totalCount edges { node { section { slug } } } }
      }
      missing: section(slug: "no-such-section") { id }
    }`);
    expect(sections.length >= 5).toBeTruthy();
    expect(sections.map((section: { position: number }) => section.position)).toStrictEqual(
      [...sections.map((section: { position: number }) => section.position)].sort((a, b) => a - b),
    );
    const world = sections.find((section: { slug: string }) => section.slug === 'world');
    expect(world.children.map((child: { slug: string }) => child.slug)).toStrictEqual(['americas', 'europe']);
    expect(americas.urlPath).toBe('/world/americas');
    expect(americas.parent.slug).toBe('world');
    expect(americas.ancestors).toStrictEqual([{ slug: 'world' }]);
    expect(americas.articleCount > 0).toBeTruthy();
    expect(americas.articles.totalCount).toBe(americas.articleCount);
    expect(missing).toBe(null);

    const { section: worldPage } = await lede.data(
      '{ section(slug: "world") { articleCount articles { totalCount } } }',
    );
    const { europe } = await lede.data('{ europe: section(slug: "europe") { articleCount } }');
    expect(worldPage.articleCount, 'World counts its subsections').toBe(americas.articleCount + europe.articleCount);
    expect(worldPage.articles.totalCount).toBe(worldPage.articleCount);
  });

  it("serves a person's page with affiliations, counts and connections", async () => {
    const { person } = await lede.data(`{
      person(slug: "elena-voss") {
        name description reviewed urlPath
        affiliations { role current organization { slug } }
        mentionCount
        mentionedIn(first: 100) { totalCount edges { node { slug mentionedPeople { mentionCount person { slug } } } } }
      }
    }`);
    expect(person.name).toBe('Elena Voss');
    expect(person.urlPath).toBe('/people/elena-voss');
    expect(
      person.affiliations.some(
        (a: { organization: { slug: string } }) => a.organization.slug === 'harbourview-city-council',
      ),
    ).toBeTruthy();
    expect(person.mentionCount >= 2).toBeTruthy();
    expect(person.mentionedIn.totalCount).toBe(person.mentionCount);
    for (const { node } of person.mentionedIn.edges) {
      expect(
        node.mentionedPeople.some((m: { person: { slug: string } }) => m.person.slug === 'elena-voss'),
      ).toBeTruthy();
    }
    type Mention = { mentionCount: number; person: { slug: string } };
    const counts = person.mentionedIn.edges.flatMap(({ node }: { node: { mentionedPeople: Mention[] } }) =>
      node.mentionedPeople.filter((m) => m.person.slug === 'elena-voss').map((m) => m.mentionCount),
    );
    expect(Math.max(...counts) > 1, 'later mentions by surname count for the same person').toBeTruthy();

    const { reporter } = await lede.data(`{
      reporter: person(slug: "maya-chen") { articleCount articles(first: 100) { totalCount edges { node { bylines { person { slug } } } } } }
    }`);
    expect(reporter.articleCount > 0).toBeTruthy();
    expect(reporter.articles.totalCount).toBe(reporter.articleCount);
    for (const { node } of reporter.articles.edges) {
      expect(node.bylines.some((b: { person: { slug: string } }) => b.person.slug === 'maya-chen')).toBeTruthy();
    }
  });

  it('finds people and organizations by name or alias, ignoring case', async () => {
    const { byAlias, byName, none, tricky } = await lede.data(`{
      byAlias: people(search: "MAGGIE") { totalCount edges { node { slug } } }
      byName: people(search: "voss") { edges { node { slug } } }
      none: people(search: "zzzz") { totalCount edges { node { slug } } }
      tricky: people(search: "%_") { totalCount }
    }`);
    expect(byAlias.edges).toStrictEqual([{ node: { slug: 'margit-lindqvist' } }]);
    expect(byAlias.totalCount).toBe(1);
    expect(byName.edges).toStrictEqual([{ node: { slug: 'elena-voss' } }]);
    expect(none.totalCount).toBe(0);
    expect(tricky.totalCount, 'LIKE wildcards are matched literally').toBe(0);

    const { parties, dot } = await lede.data(`{
      parties: organizations(kind: POLITICAL_PARTY) { totalCount edges { node { kind } } }
      dot: organizations(search: "dot") { edges { node { slug } } }
    }`);
    expect(parties.totalCount).toBe(2);
    expect(
      parties.edges.every((edge: { node: { kind: string } }) => edge.node.kind === 'POLITICAL_PARTY'),
    ).toBeTruthy();
    expect(
      dot.edges.some(
        (edge: { node: { slug: string } }) => edge.node.slug === 'harbourview-department-of-transportation',
      ),
    ).toBeTruthy();

    const empty = await lede.execute('{ people(search: "   ") { totalCount } }');
    expect(empty.errors?.[0]?.message ?? '').toMatch(/search: must not be empty/);
  });

  it("serves an organization's page with its parent, children, members and mentions", async () => {
    const { dot, council } = await lede.data(`{
      dot: organization(slug: "harbourview-department-of-transportation") {
        kind country parent { slug } members { role person { slug } } mentionCount mentionedIn { totalCount }
      }
      council: organization(slug: "harbourview-city-council") { children { slug } }
    }`);
    expect(dot.kind).toBe('GOVERNMENT_BODY');
    expect(dot.parent.slug).toBe('harbourview-city-council');
    expect(dot.members.some((m: { person: { slug: string } }) => m.person.slug === 'margit-lindqvist')).toBeTruthy();
    expect(dot.mentionedIn.totalCount).toBe(dot.mentionCount);
    expect(council.children).toStrictEqual([{ slug: 'harbourview-department-of-transportation' }]);
  });

  it('runs the docs and GraphiQL example operations', async () => {
    const front = await lede.data(FRONT_PAGE_QUERY);
    expect(front.articles.edges.length).toBe(Math.min(20, front.articles.totalCount));
    expect(front.articles.edges[0].node.bylines.length > 0).toBeTruthy();
    const { article } = await lede.data(ARTICLE_QUERY);
    expect(article.paragraphs.length > 0, 'the example article slug exists').toBeTruthy();
    const { person } = await lede.data(PERSON_QUERY);
    expect(person.mentionedIn.edges.length > 0, 'the example person exists').toBeTruthy();
  });
});

describe('docs/api.md', () => {
  it('shows the same example queries that GraphiQL opens with and the tests run', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../docs/api.md', import.meta.url), 'utf8');
    for (const query of [FRONT_PAGE_QUERY, ARTICLE_QUERY, PERSON_QUERY]) {
      expect(doc.includes(`\`\`\`graphql\n${query}\`\`\``), `docs/api.md lacks:\n${query}`).toBeTruthy();
    }
  });
});
