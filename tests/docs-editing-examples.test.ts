import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { EDITING_EXAMPLES, graphqlBlocks, operationName, readDoc } from './support/docs.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// docs/editing.md: each mutation it shows runs here as shown, with an editor's key.
const examples = new Map(graphqlBlocks(readDoc('docs/editing.md')).map((block) => [operationName(block), block]));
const example = (name: string) => examples.get(name) ?? '';

describe(`docs/editing.md examples (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
  });

  it('shows the mutations this file runs, in order', () => {
    expect([...examples.keys()]).toStrictEqual(EDITING_EXAMPLES);
  });

  it('NewDraft creates a draft and returns what the example selects', async () => {
    const section = (await lede.data('{ section(slug: "local") { id } }')).section.id;
    const { createArticle } = await lede.data(example('NewDraft'), { section }, { apiKey: editor });
    expect(createArticle.article).toMatchObject({ slug: 'harbour-tunnel-plan-leaks', version: 1, status: 'DRAFT' });
  });

  it('Retitle saves on version 3, and the same request again is a ConflictError naming the headline', async () => {
    const section = (await lede.data('{ section(slug: "local") { id } }')).section.id;
    const { createArticle } = await lede.data(example('NewDraft'), { section }, { apiKey: editor });
    const id: string = createArticle.article.id;
    for (const version of [1, 2]) {
      const { updateArticle } = await lede.data(
        `mutation ($id: ID!, $version: Int!, $standfirst: String!) {
          updateArticle(input: { article: $id, version: $version, standfirst: $standfirst }) {
            ... on UpdateArticleSuccess { article { version } }
          }
        }`,
        { id, version, standfirst: `Standfirst ${version}` },
        { apiKey: editor },
      );
      expect(updateArticle.article.version).toBe(version + 1);
    }

    const saved = (await lede.data(example('Retitle'), { id }, { apiKey: editor })).updateArticle;
    expect(saved.article).toStrictEqual({ version: 4, headline: 'Tunnel Plan: What We Know' });

    const conflict = (await lede.data(example('Retitle'), { id }, { apiKey: editor })).updateArticle;
    expect(conflict.currentVersion).toBe(4);
    expect(conflict.changedFields).toContain('headline');
    expect(conflict.message).toBeTruthy();
  });
});
