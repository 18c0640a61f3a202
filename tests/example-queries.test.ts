import { readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS, PREVIEW_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const operationName = (query: string) => /^query (\w+)/m.exec(query)?.[1];

describe(`GraphiQL's example operations (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });

  it('each has a name and a comment on its first line saying what it shows', () => {
    const names = EXAMPLE_OPERATIONS.map(({ query }) => operationName(query));
    expect(new Set(names).size, 'tab titles are distinct').toBe(names.length);
    for (const { query } of EXAMPLE_OPERATIONS) {
      expect(query, query).toMatch(/^# \S.+\n/);
      expect(operationName(query), query).toBeTruthy();
      parse(query);
    }
  });

  it('each returns data from the sample content without errors', async () => {
    for (const { query } of EXAMPLE_OPERATIONS) {
      const result = await lede.execute(query);
      expect(result.errors, `${operationName(query)}: ${JSON.stringify(result.errors)}`).toBe(undefined);
      const [root] = Object.values(result.data ?? {});
      expect(root, `${operationName(query)} finds its example object`).toBeTruthy();
    }
  });

  it('the preview example shows drafts once the prepared header carries a reader key', async () => {
    const edited = await lede.data<{ createArticle: { article: { id: string } } }>(
      `mutation Draft($section: ID!) {
        createArticle(input: { headline: "A Draft Nobody Should See Yet", section: $section, paragraphs: ["Text."] }) {
          ... on CreateArticleSuccess { article { id } }
        }
      }`,
      { section: (await lede.data('{ section(slug: "local") { id } }')).section.id },
      { apiKey: await lede.apiKey('EDITOR') },
    );
    expect(edited.createArticle.article.id).toBeTruthy();
    type Preview = { articles: { edges: { node: { headline: string; status: string } }[] } };
    const headlines = (data: Preview) => data.articles.edges.map(({ node }) => node.headline);
    const anonymous = await lede.data<Preview>(PREVIEW_QUERY);
    const reader = await lede.data<Preview>(PREVIEW_QUERY, {}, { apiKey: await lede.apiKey('READER') });
    expect(!headlines(anonymous).includes('A Draft Nobody Should See Yet')).toBeTruthy();
    expect(headlines(reader).includes('A Draft Nobody Should See Yet')).toBeTruthy();
  });

  it('examples that need a key come with a headers editor whose authorization line is commented out', () => {
    const withHeaders = EXAMPLE_OPERATIONS.filter(({ headers }) => headers);
    expect(withHeaders.some(({ query }) => query === PREVIEW_QUERY)).toBeTruthy();
    for (const { headers } of withHeaders) {
      expect(headers ?? '').toMatch(/^\s*\/\/ "authorization": "Bearer <your key>"$/m);
      // Without the comments it is the JSON object GraphiQL sends as headers.
      expect(JSON.parse((headers ?? '').replace(/^\s*\/\/.*$/gm, ''))).toStrictEqual({});
    }
  });
});

describe('the docs', () => {
  it('shows every GraphiQL example operation verbatim (or its docs file does)', async () => {
    for (const { query, docs = 'docs/api.md' } of EXAMPLE_OPERATIONS) {
      const text = await readFile(new URL(`../${docs}`, import.meta.url), 'utf8');
      expect(text.includes(`\`\`\`graphql\n${query}\`\`\``), `${docs} lacks:\n${query}`).toBeTruthy();
    }
  });
});
