import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) {
    __typename
    ... on UpdateArticleSuccess { article { version } }
    ... on ConflictError { currentVersion changedFields }
  }
}`;

const ARGS = `{
  __type(name: "Query") {
    fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason defaultValue type { kind name } } }
  }
}`;

type Arg = {
  name: string;
  isDeprecated: boolean;
  deprecationReason: string | null;
  defaultValue: string | null;
  type: { kind: string; name: string | null };
};

describe(`client contract consistency (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  beforeAll(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
  });
  afterAll(() => lede?.close());

  const argsOf = async (field: string) => {
    const { __type } = await lede.data<{ __type: { fields: { name: string; args: Arg[] }[] } }>(ARGS);
    const args = __type.fields.find((candidate) => candidate.name === field)?.args ?? [];
    return new Map(args.map((arg) => [arg.name, arg]));
  };

  it('reports only the field another editor changed on every sample article', async () => {
    const articles = await lede.database.prisma.article.findMany({
      select: { id: true, version: true, standfirst: true, _count: { select: { bylines: true } } },
    });
    expect(articles.length > 0).toBeTruthy();
    expect(
      articles.some((article) => article.standfirst && article._count.bylines > 0),
      'the samples have standfirsts and bylines',
    ).toBeTruthy();
    for (const article of articles) {
      expect(article.version).toBe(1);
      const articleId = Buffer.from(`Article:${article.id}`).toString('base64');
      const first = await lede.data(
        UPDATE,
        { input: { article: articleId, version: 1, headline: `Retitled ${article.id}` } },
        { apiKey: editor },
      );
      expect(first.updateArticle.__typename).toBe('UpdateArticleSuccess');
      const stale = await lede.data(
        UPDATE,
        { input: { article: articleId, version: 1, paragraphs: ['Rewritten.'] } },
        { apiKey: editor },
      );
      expect(stale.updateArticle).toStrictEqual({
        __typename: 'ConflictError',
        currentVersion: 2,
        changedFields: ['headline'],
      });
    }
  });

  it('declares every orderBy nullable with its default, and accepts null as the default', async () => {
    const articles = (await argsOf('articles')).get('orderBy');
    expect(articles?.type).toStrictEqual({ kind: 'ENUM', name: 'ArticleOrder' });
    expect(articles?.defaultValue).toBe('NEWEST_FIRST');
    const search = (await argsOf('search')).get('orderBy');
    expect(search?.type).toStrictEqual({ kind: 'ENUM', name: 'SearchOrder' });
    expect(search?.defaultValue).toBe('RELEVANCE');

    const slugs = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map((e) => e.node.slug);
    const list = `query ($order: ArticleOrder) { articles(first: 5, orderBy: $order) { edges { node { slug } } } }`;
    const byDefault = await lede.data(list, {});
    const byNull = await lede.data(list, { order: null });
    expect(slugs(byNull.articles)).toStrictEqual(slugs(byDefault.articles));

    const find = `query ($order: SearchOrder) { search(query: "council", orderBy: $order) { edges { node { slug } } } }`;
    const relevance = await lede.data(find, { order: 'RELEVANCE' });
    const nullOrder = await lede.data(find, { order: null });
    expect(slugs(relevance.search).length > 0).toBeTruthy();
    expect(slugs(nullOrder.search)).toStrictEqual(slugs(relevance.search));
  });

  it('marks the backward pagination arguments of search deprecated, and still refuses them', async () => {
    const args = await argsOf('search');
    for (const name of ['last', 'before']) {
      expect(args.get(name)?.isDeprecated, name).toBe(true);
      expect(args.get(name)?.deprecationReason ?? '', name).toMatch(/forward only/);
    }
    for (const name of ['first', 'after']) expect(args.get(name)?.isDeprecated, name).toBe(false);
    const backwards = await lede.execute('{ search(query: "council", last: 2) { edges { cursor } } }');
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
