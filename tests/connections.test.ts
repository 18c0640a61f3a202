import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// One connection type per kind of list, each with `nodes` beside `edges` (issue "client contract",
// item 2): a client's list fragment fits every list of articles.
const ARTICLE_LIST = `fragment ArticleList on ArticleConnection {
  __typename
  edges { __typename node { id headline section { name } bylines { person { name } } } }
  nodes { id headline section { name } bylines { person { name } } }
}`;

type Page = {
  __typename: string;
  edges: { __typename: string; node: unknown }[];
  nodes: unknown[];
};

describe(`connections (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });

  it('gives every list of articles the one ArticleConnection type, with nodes equal to the edges', async () => {
    const person = await lede.database.prisma.person.findFirstOrThrow({
      where: { bylines: { some: {} }, mentions: { some: {} } },
    });
    const organization = await lede.database.prisma.organization.findFirstOrThrow({
      where: { mentions: { some: {} } },
    });
    const data = await lede.data(
      `query ($person: String!, $organization: String!) {
        articles(first: 3) { ...ArticleList }
        section(slug: "local") { articles(first: 3) { ...ArticleList } }
        person(slug: $person) { articles(first: 3) { ...ArticleList } mentionedIn(first: 3) { ...ArticleList } }
        organization(slug: $organization) { mentionedIn(first: 3) { ...ArticleList } }
      }
      ${ARTICLE_LIST}`,
      { person: person.slug, organization: organization.slug },
    );
    const pages: Page[] = [
      data.articles,
      data.section.articles,
      data.person.articles,
      data.person.mentionedIn,
      data.organization.mentionedIn,
    ];
    for (const page of pages) {
      expect(page.__typename).toBe('ArticleConnection');
      expect(page.edges.length).toBeGreaterThan(0);
      expect(page.edges.every((edge) => edge.__typename === 'ArticleEdge')).toBe(true);
      expect(page.nodes).toStrictEqual(page.edges.map((edge) => edge.node));
    }
  });

  it('names the lists of people, organizations, tombstones and search hits, each with nodes', async () => {
    const data = await lede.data(`{
      people(first: 2) { __typename edges { __typename node { name } } nodes { name } }
      organizations(first: 2) { __typename edges { __typename node { name } } nodes { name } }
      deletedArticles(first: 2, since: "2000-01-01T00:00:00Z") { __typename nodes { articleId } }
      search(query: "council", first: 2) { __typename edges { __typename node { id headline } } nodes { id headline } }
    }`);
    expect(data.people.__typename).toBe('PersonConnection');
    expect(data.people.edges[0].__typename).toBe('PersonEdge');
    expect(data.organizations.__typename).toBe('OrganizationConnection');
    expect(data.organizations.edges[0].__typename).toBe('OrganizationEdge');
    expect(data.deletedArticles.__typename).toBe('ArticleTombstoneConnection');
    expect(data.search.__typename).toBe('SearchConnection');
    for (const list of [data.people, data.organizations, data.search]) {
      expect(list.nodes.length).toBeGreaterThan(0);
      expect(list.nodes).toStrictEqual(list.edges.map((edge: { node: unknown }) => edge.node));
    }
  });
});
