import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ARTICLE_QUERY, FRONT_PAGE_QUERY, PERSON_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

describe(`sections, people and organizations (${databaseKind})`, () => {
  let lede: TestGateway;
  after(() => lede?.close());
  before(async () => {
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
    assert.ok(sections.length >= 5);
    assert.deepEqual(
      sections.map((section: { position: number }) => section.position),
      [...sections.map((section: { position: number }) => section.position)].sort((a, b) => a - b),
    );
    const world = sections.find((section: { slug: string }) => section.slug === 'world');
    assert.deepEqual(
      world.children.map((child: { slug: string }) => child.slug),
      ['americas', 'europe'],
    );
    assert.equal(americas.urlPath, '/world/americas');
    assert.equal(americas.parent.slug, 'world');
    assert.deepEqual(americas.ancestors, [{ slug: 'world' }]);
    assert.ok(americas.articleCount > 0);
    assert.equal(americas.articles.totalCount, americas.articleCount);
    assert.equal(missing, null);

    const { section: worldPage } = await lede.data(
      '{ section(slug: "world") { articleCount articles { totalCount } } }',
    );
    const { europe } = await lede.data('{ europe: section(slug: "europe") { articleCount } }');
    assert.equal(worldPage.articleCount, americas.articleCount + europe.articleCount, 'World counts its subsections');
    assert.equal(worldPage.articles.totalCount, worldPage.articleCount);
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
    assert.equal(person.name, 'Elena Voss');
    assert.equal(person.urlPath, '/people/elena-voss');
    assert.ok(
      person.affiliations.some(
        (a: { organization: { slug: string } }) => a.organization.slug === 'harbourview-city-council',
      ),
    );
    assert.ok(person.mentionCount >= 2);
    assert.equal(person.mentionedIn.totalCount, person.mentionCount);
    for (const { node } of person.mentionedIn.edges) {
      assert.ok(node.mentionedPeople.some((m: { person: { slug: string } }) => m.person.slug === 'elena-voss'));
    }
    type Mention = { mentionCount: number; person: { slug: string } };
    const counts = person.mentionedIn.edges.flatMap(({ node }: { node: { mentionedPeople: Mention[] } }) =>
      node.mentionedPeople.filter((m) => m.person.slug === 'elena-voss').map((m) => m.mentionCount),
    );
    assert.ok(Math.max(...counts) > 1, 'later mentions by surname count for the same person');

    const { reporter } = await lede.data(`{
      reporter: person(slug: "maya-chen") { articleCount articles(first: 100) { totalCount edges { node { bylines { person { slug } } } } } }
    }`);
    assert.ok(reporter.articleCount > 0);
    assert.equal(reporter.articles.totalCount, reporter.articleCount);
    for (const { node } of reporter.articles.edges) {
      assert.ok(node.bylines.some((b: { person: { slug: string } }) => b.person.slug === 'maya-chen'));
    }
  });

  it('finds people and organizations by name or alias, ignoring case', async () => {
    const { byAlias, byName, none, tricky } = await lede.data(`{
      byAlias: people(search: "MAGGIE") { totalCount edges { node { slug } } }
      byName: people(search: "voss") { edges { node { slug } } }
      none: people(search: "zzzz") { totalCount edges { node { slug } } }
      tricky: people(search: "%_") { totalCount }
    }`);
    assert.deepEqual(byAlias.edges, [{ node: { slug: 'margit-lindqvist' } }]);
    assert.equal(byAlias.totalCount, 1);
    assert.deepEqual(byName.edges, [{ node: { slug: 'elena-voss' } }]);
    assert.equal(none.totalCount, 0);
    assert.equal(tricky.totalCount, 0, 'LIKE wildcards are matched literally');

    const { parties, dot } = await lede.data(`{
      parties: organizations(kind: POLITICAL_PARTY) { totalCount edges { node { kind } } }
      dot: organizations(search: "dot") { edges { node { slug } } }
    }`);
    assert.equal(parties.totalCount, 2);
    assert.ok(parties.edges.every((edge: { node: { kind: string } }) => edge.node.kind === 'POLITICAL_PARTY'));
    assert.ok(
      dot.edges.some(
        (edge: { node: { slug: string } }) => edge.node.slug === 'harbourview-department-of-transportation',
      ),
    );

    const empty = await lede.execute('{ people(search: "   ") { totalCount } }');
    assert.match(empty.errors?.[0]?.message ?? '', /search: must not be empty/);
  });

  it("serves an organization's page with its parent, children, members and mentions", async () => {
    const { dot, council } = await lede.data(`{
      dot: organization(slug: "harbourview-department-of-transportation") {
        kind country parent { slug } members { role person { slug } } mentionCount mentionedIn { totalCount }
      }
      council: organization(slug: "harbourview-city-council") { children { slug } }
    }`);
    assert.equal(dot.kind, 'GOVERNMENT_BODY');
    assert.equal(dot.parent.slug, 'harbourview-city-council');
    assert.ok(dot.members.some((m: { person: { slug: string } }) => m.person.slug === 'margit-lindqvist'));
    assert.equal(dot.mentionedIn.totalCount, dot.mentionCount);
    assert.deepEqual(council.children, [{ slug: 'harbourview-department-of-transportation' }]);
  });

  it('runs the README and GraphiQL example operations', async () => {
    const front = await lede.data(FRONT_PAGE_QUERY);
    assert.equal(front.articles.edges.length, Math.min(20, front.articles.totalCount));
    assert.ok(front.articles.edges[0].node.bylines.length > 0);
    const { article } = await lede.data(ARTICLE_QUERY);
    assert.ok(article.paragraphs.length > 0, 'the example article slug exists');
    const { person } = await lede.data(PERSON_QUERY);
    assert.ok(person.mentionedIn.edges.length > 0, 'the example person exists');
  });
});

describe('README', () => {
  it('shows the same example queries that GraphiQL opens with and the tests run', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const query of [FRONT_PAGE_QUERY, ARTICLE_QUERY, PERSON_QUERY]) {
      assert.ok(readme.includes(`\`\`\`graphql\n${query}\`\`\``), `README lacks:\n${query}`);
    }
  });
});
