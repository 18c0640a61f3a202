import { type GraphQLObjectType, getNamedType, isLeafType, isNonNullType } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { schema } from '../src/schema/index.ts';
import type { LedeYoga } from '../src/yoga.ts';
import { databaseKind } from './support/database.ts';
import { graphqlJsReference, postGraphQL, startTestGateway, type TestGateway } from './support/gateway.ts';

// A page's statement reads only the Article columns its document selects: each field names the
// columns it reads (its `select`), and the rest are left out. A resolver reading a column it did
// not name would see undefined, which for a nullable field is a silent null. So every field of
// Article is asked for here through the paths that read trimmed rows (a list, a lookup by slug,
// an organization's page, related articles), and must answer as the paths that read whole rows
// do (`route(path:)`, `node(id:)`), by direct execution and by graphql-js alike.

/**
 * Every field of `type` without required arguments (`withArguments`: or with none at all);
 * objects, lists of them and unions as `__typename`.
 */
function everyField(type: GraphQLObjectType, withArguments: boolean): string {
  const fields = Object.values(type.getFields()).filter((field) =>
    withArguments
      ? field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined)
      : field.args.length === 0,
  );
  return fields
    .map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`))
    .join('\n');
}

const articleType = schema.getType('Article') as GraphQLObjectType;
// Direct execution leaves a Prisma field with arguments (`excerpt`) to graphql-js: the fragment
// with them runs there, the one without them directly.
const FRAGMENTS = {
  graphqlJs: `fragment Every on Article {\n${everyField(articleType, true)}\n}`,
  direct: `fragment Every on Article {\n${everyField(articleType, false)}\n}`,
};

describe(`every Article field from trimmed rows (${databaseKind})`, () => {
  let lede: TestGateway;
  let reference: LedeYoga;
  let editorKey: string;

  beforeAll(async () => {
    lede = await startTestGateway();
    reference = graphqlJsReference(lede);
    editorKey = await lede.apiKey('EDITOR');
    // Columns that are null or default in the sample content, set so that a left-out column shows.
    const prisma = lede.database.prisma;
    const first = await prisma.article.findFirstOrThrow({ where: { status: 'PUBLISHED' }, orderBy: { id: 'asc' } });
    await prisma.article.update({
      where: { id: first.id },
      data: { language: 'de', lastSubstantiveUpdateAt: new Date('2026-01-02T03:04:05Z'), version: 7 },
    });
  });

  afterAll(async () => {
    await lede?.close();
  });

  /**
   * The answer of both Yogas, which must be the same text; parsed, with no errors. `direct`: whether
   * the gateway must have answered it by direct execution.
   */
  async function answer(query: string, variables: Record<string, unknown> = {}, apiKey?: string, direct?: boolean) {
    const before = lede.executions.direct;
    const text = await (await postGraphQL(lede.yoga, query, variables, apiKey)).text();
    if (direct !== undefined) expect(lede.executions.direct > before, `direct execution of\n${query}`).toBe(direct);
    const graphqlJs = await (await postGraphQL(reference, query, variables, apiKey)).text();
    expect(text, `direct execution and graphql-js differ for\n${query}`).toBe(graphqlJs);
    const parsed = JSON.parse(text);
    expect(parsed.errors, JSON.stringify(parsed.errors)).toBeUndefined();
    return parsed.data;
  }

  /** The same fields read from whole rows: by route and by node. */
  async function wholeRow(fragment: string, node: { id: string; urlPath: string }, apiKey?: string) {
    const byNode = await answer(`query ($id: ID!) { node(id: $id) { ...Every } } ${fragment}`, { id: node.id }, apiKey);
    const byRoute = await answer(
      `query ($path: String!) { route(path: $path) { node { ...Every } } } ${fragment}`,
      { path: node.urlPath },
      apiKey,
    );
    expect(byRoute.route.node).toEqual(byNode.node);
    return byNode.node;
  }

  test('the fragments ask for every field that reads a column', () => {
    for (const FRAGMENT of Object.values(FRAGMENTS)) {
      for (const name of ['status', 'version', 'updatedAt', 'language', 'wordCount', 'readingTimeMinutes', 'urlPath']) {
        expect(FRAGMENT).toMatch(new RegExp(`^${name}$`, 'm'));
      }
      expect(FRAGMENT).toMatch(/^lastSubstantiveUpdateAt$/m);
    }
  });

  test.each(Object.entries(FRAGMENTS))(
    'a list of articles answers every field as the whole row does (%s)',
    async (how, fragment) => {
      for (const apiKey of [undefined, editorKey]) {
        const query = `{ articles(first: 6) { edges { node { ...Every } } } } ${fragment}`;
        const data = await answer(query, {}, apiKey, how === 'direct');
        const nodes = data.articles.edges.map((edge: { node: { id: string; urlPath: string } }) => edge.node);
        expect(nodes.length).toBe(6);
        for (const node of nodes) expect(node).toEqual(await wholeRow(fragment, node, apiKey));
      }
    },
  );

  test.each(Object.entries(FRAGMENTS))(
    'an article by slug, its related articles and an organization page answer as whole rows do (%s)',
    async (how, fragment) => {
      const prisma = lede.database.prisma;
      const changed = await prisma.article.findFirstOrThrow({ where: { language: 'de' } });
      const data = await answer(
        `query ($slug: String!) { article(slug: $slug) { ...Every moreLikeIt: related(first: 3) { ...Every } } } ${fragment}`,
        { slug: changed.slug },
        undefined,
        how === 'direct',
      );
      const { moreLikeIt, ...article } = data.article;
      expect(article.language).toBe('de');
      expect(article.version).toBe(7);
      expect(article.lastSubstantiveUpdateAt).toBe('2026-01-02T03:04:05.000Z');
      expect(article).toEqual(await wholeRow(fragment, article));
      for (const node of moreLikeIt) expect(node).toEqual(await wholeRow(fragment, node));

      const mention = await prisma.organizationMention.findFirstOrThrow({ orderBy: { articleId: 'asc' } });
      const organization = await prisma.organization.findUniqueOrThrow({ where: { id: mention.organizationId } });
      const page = await answer(
        `query ($slug: String!) { organization(slug: $slug) { mentionedIn(first: 5) { edges { node { ...Every } } } } } ${fragment}`,
        { slug: organization.slug },
        undefined,
        how === 'direct',
      );
      const nodes = page.organization.mentionedIn.edges.map(
        (edge: { node: { id: string; urlPath: string } }) => edge.node,
      );
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) expect(node).toEqual(await wholeRow(fragment, node));
    },
  );

  test('the statement of a page that shows no such field reads none of those columns', async () => {
    // A column is read into a row as a JSON key ('status') or into a response PostgreSQL writes ("status":).
    const reads = (sql: string | undefined, column: string) =>
      !!sql && (sql.includes(`'${column}'`) || sql.includes(`"${column}":`));
    await lede.data('{ articles(first: 2) { edges { node { slug headline } } } }');
    const page = lede.statements.find((sql) => sql.includes('FROM "Article"'));
    expect(page).toBeDefined();
    for (const column of ['status', 'version', 'updatedAt', 'language', 'wordCount', 'lastSubstantiveUpdateAt']) {
      expect(reads(page, column), column).toBe(false);
    }
    await lede.data('{ articles(first: 2) { edges { node { slug status wordCount } } } }');
    const withColumns = lede.statements.find((sql) => sql.includes('FROM "Article"'));
    expect(reads(withColumns, 'status')).toBe(true);
    expect(reads(withColumns, 'wordCount')).toBe(true);
    expect(reads(withColumns, 'version')).toBe(false);
  });

  test('a whole row answers column fields without loading them again', async () => {
    const node = (
      await lede.data<{ articles: { edges: { node: { id: string; urlPath: string } }[] } }>(
        '{ articles(first: 1) { edges { node { id urlPath } } } }',
      )
    ).articles.edges[0]?.node as { id: string; urlPath: string };
    await lede.data(
      `query ($path: String!) { route(path: $path) { node { ... on Article { slug urlPath status version updatedAt language wordCount } } } }`,
      { path: node.urlPath },
    );
    expect(lede.statements.filter((sql) => sql.includes('"Article"')).length).toBe(1);
  });
});
