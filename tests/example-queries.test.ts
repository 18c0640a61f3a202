import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { EXAMPLE_OPERATIONS, PREVIEW_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const operationName = (query: string) => /^query (\w+)/m.exec(query)?.[1];

describe(`GraphiQL's example operations (${databaseKind})`, () => {
  let lede: TestGateway;
  after(() => lede?.close());
  before(async () => {
    lede = await startTestGateway();
  });

  it('each has a name and a comment on its first line saying what it shows', () => {
    const names = EXAMPLE_OPERATIONS.map(({ query }) => operationName(query));
    assert.equal(new Set(names).size, names.length, 'tab titles are distinct');
    for (const { query } of EXAMPLE_OPERATIONS) {
      assert.match(query, /^# \S.+\n/, query);
      assert.ok(operationName(query), query);
      parse(query);
    }
  });

  it('each returns data from the sample content without errors', async () => {
    for (const { query } of EXAMPLE_OPERATIONS) {
      const result = await lede.execute(query);
      assert.equal(result.errors, undefined, `${operationName(query)}: ${JSON.stringify(result.errors)}`);
      const [root] = Object.values(result.data ?? {});
      assert.ok(root, `${operationName(query)} finds its example object`);
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
    assert.ok(edited.createArticle.article.id);
    type Preview = { articles: { edges: { node: { headline: string; status: string } }[] } };
    const headlines = (data: Preview) => data.articles.edges.map(({ node }) => node.headline);
    const anonymous = await lede.data<Preview>(PREVIEW_QUERY);
    const reader = await lede.data<Preview>(PREVIEW_QUERY, {}, { apiKey: await lede.apiKey('READER') });
    assert.ok(!headlines(anonymous).includes('A Draft Nobody Should See Yet'));
    assert.ok(headlines(reader).includes('A Draft Nobody Should See Yet'));
  });

  it('examples that need a key come with a headers editor whose authorization line is commented out', () => {
    const withHeaders = EXAMPLE_OPERATIONS.filter(({ headers }) => headers);
    assert.ok(withHeaders.some(({ query }) => query === PREVIEW_QUERY));
    for (const { headers } of withHeaders) {
      assert.match(headers ?? '', /^\s*\/\/ "authorization": "Bearer <your key>"$/m);
      // Without the comments it is the JSON object GraphiQL sends as headers.
      assert.deepEqual(JSON.parse((headers ?? '').replace(/^\s*\/\/.*$/gm, '')), {});
    }
  });
});

describe('README', () => {
  it('shows every GraphiQL example operation verbatim', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const { query } of EXAMPLE_OPERATIONS) {
      assert.ok(readme.includes(`\`\`\`graphql\n${query}\`\`\``), `README lacks:\n${query}`);
    }
  });
});
