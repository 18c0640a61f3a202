import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { CORRECTION_EXAMPLES, graphqlBlocks, MOST_READ_EXAMPLES, operationName, readDoc } from './support/docs.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// docs/most-read.md and docs/corrections.md: each operation they show runs here as shown.
const blocks = (file: string) => new Map(graphqlBlocks(readDoc(file)).map((block) => [operationName(block), block]));
const mostRead = blocks('docs/most-read.md');
const corrections = blocks('docs/corrections.md');

describe(`docs/most-read.md and docs/corrections.md examples (${databaseKind})`, () => {
  let lede: TestGateway;
  let articleId: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ mostRead: { flushIntervalMs: 3_600_000 } });
    articleId = (await lede.data('{ articles(first: 1) { nodes { id } } }')).articles.nodes[0].id;
  });

  it('shows the operations this file runs', () => {
    expect([...mostRead.keys()]).toStrictEqual(MOST_READ_EXAMPLES);
    expect([...corrections.keys()]).toStrictEqual(CORRECTION_EXAMPLES);
  });

  it('Read counts a read, and FrontPageMostRead lists the article once the counts are saved', async () => {
    const { recordArticleView } = await lede.data(mostRead.get('Read') ?? '', { article: articleId });
    expect(recordArticleView).toStrictEqual({ counted: true });
    await lede.mostRead.flush();
    const { mostRead: list } = await lede.data(mostRead.get('FrontPageMostRead') ?? '', {});
    expect(list.nodes.map((node: { id: string }) => node.id)).toStrictEqual([articleId]);
  });

  it('AddCorrection attaches a correction and leaves the publication time alone', async () => {
    const editor = await lede.apiKey('EDITOR');
    const before = (await lede.data(`{ node(id: "${articleId}") { ... on Article { publishedAt } } }`)).node;
    const { addArticleCorrection } = await lede.data(
      corrections.get('AddCorrection') ?? '',
      { article: articleId },
      { apiKey: editor },
    );
    expect(addArticleCorrection.__typename).toBe('AddArticleCorrectionSuccess');
    expect(addArticleCorrection.article.publishedAt).toBe(before.publishedAt);
    expect(addArticleCorrection.article.corrections).toMatchObject([
      { kind: 'CORRECTION', text: 'An earlier version gave the wrong opening date.' },
    ]);
    expect(addArticleCorrection.article.lastSubstantiveUpdateAt).toBe(
      addArticleCorrection.article.corrections[0].addedAt,
    );
  });
});
