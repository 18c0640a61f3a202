import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { besidesSectionTree, startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const ADD = `mutation ($input: AddArticleCorrectionInput!) {
  addArticleCorrection(input: $input) {
    __typename
    ... on Error { code message }
    ... on ValidationError { problems { field code } }
    ... on NotFoundError { field }
    ... on AddArticleCorrectionSuccess { article { id version lastSubstantiveUpdateAt corrections { kind text } } }
  }
}`;
const ARTICLE = `query ($slug: String!) {
  article(slug: $slug) {
    publishedAt updatedAt version lastSubstantiveUpdateAt
    corrections { kind text addedAt }
  }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) { __typename ... on UpdateArticleSuccess { article { version lastSubstantiveUpdateAt } } }
}`;

type Correction = { kind: string; text: string; addedAt: string };
type ArticleView = {
  publishedAt: string;
  updatedAt: string;
  version: number;
  lastSubstantiveUpdateAt: string | null;
  corrections: Correction[];
};

/** Reads `articleChanged` events from a GraphQL-over-SSE response, one `next` at a time. */
async function subscribeToChanges(lede: TestGateway) {
  const abort = new AbortController();
  const response = await lede.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'subscription { articleChanged { change articleId article { corrections { text } } } }',
    }),
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ change: string; articleId: string; article: { corrections: { text: string }[] } | null }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: next$/m.test(block)) {
            return JSON.parse(/^data: ?(.*)$/m.exec(block)?.[1] ?? 'null').data.articleChanged;
          }
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => abort.abort(),
  };
}

describe(`corrections and clarifications (${databaseKind})`, () => {
  let lede: TestGateway;
  let newsroom: Newsroom;
  let editor: string;
  let section: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    newsroom = await Newsroom.open(lede);
    editor = await lede.apiKey('EDITOR');
    section = await newsroom.section('Corrections Desk');
  });

  const add = async (article: string, kind: string, text: string, apiKey = editor) =>
    (await lede.execute(ADD, { input: { article, kind, text } }, { apiKey })) as {
      data?: { addArticleCorrection: Record<string, unknown> & { __typename: string } } | null;
      errors?: { extensions?: Record<string, unknown> }[];
    };
  const read = async (slug: string) => (await lede.data<{ article: ArticleView }>(ARTICLE, { slug })).article;

  it('lists corrections oldest first on `article`, keeps publishedAt and version, and moves updatedAt and lastSubstantiveUpdateAt', async () => {
    const story = await newsroom.article({ headline: 'Bridge reopens', section, slug: 'bridge-reopens' });
    const before = await read(story.slug);
    expect(before.corrections).toStrictEqual([]);
    expect(before.lastSubstantiveUpdateAt).toBe(null);

    const first = await add(story.id, 'CORRECTION', 'An earlier version gave the wrong opening date.');
    expect(first.data?.addArticleCorrection.__typename).toBe('AddArticleCorrectionSuccess');
    const second = await add(story.id, 'CLARIFICATION', '  The bridge is open to cyclists only.  ');
    expect(second.data?.addArticleCorrection).toMatchObject({
      __typename: 'AddArticleCorrectionSuccess',
      article: { version: before.version, corrections: [{ kind: 'CORRECTION' }, { kind: 'CLARIFICATION' }] },
    });

    const after = await read(story.slug);
    expect(after.corrections.map(({ kind, text }) => ({ kind, text }))).toStrictEqual([
      { kind: 'CORRECTION', text: 'An earlier version gave the wrong opening date.' },
      { kind: 'CLARIFICATION', text: 'The bridge is open to cyclists only.' },
    ]);
    const [older, newer] = after.corrections.map((correction) => Date.parse(correction.addedAt));
    expectTruthy(older && newer);
    expect(older <= newer, 'oldest first').toBeTruthy();
    expect(after.publishedAt, 'the publication time stays').toBe(before.publishedAt);
    expect(after.version, 'no editor holding the article gets a conflict for a correction').toBe(before.version);
    expect(after.lastSubstantiveUpdateAt).toBe(after.corrections[1]?.addedAt);
    expect(Date.parse(after.updatedAt) >= newer, 'the change time moves').toBeTruthy();
  });

  it('sets lastSubstantiveUpdateAt for body changes of a public article, not for other edits or drafts', async () => {
    const story = await newsroom.article({ headline: 'Ferry timetable', section, slug: 'ferry-timetable' });
    const draft = await newsroom.article({ headline: 'Draft story', section, slug: 'draft-story', status: 'DRAFT' });
    const update = async (article: string, version: number, changes: Record<string, unknown>) =>
      (await lede.data(UPDATE, { input: { article, version, ...changes } }, { apiKey: editor })).updateArticle.article;

    const start = await read(story.slug);
    const retitled = await update(story.id, start.version, { headline: 'Ferry timetable changes' });
    expect(retitled.lastSubstantiveUpdateAt, 'a headline edit is not substantive').toBe(null);
    const sameBody = await update(story.id, retitled.version, { paragraphs: ['Ferry timetable.'] });
    expect(sameBody.lastSubstantiveUpdateAt, 'the same body again is no change').toBe(null);
    const rewritten = await update(story.id, sameBody.version, { paragraphs: ['The ferry now leaves at six.'] });
    expectTruthy(rewritten.lastSubstantiveUpdateAt, 'a new body of a public article is');

    const draftVersion = (
      await lede.data(
        'query ($id: ID!) { node(id: $id) { ... on Article { version } } }',
        { id: draft.id },
        {
          apiKey: editor,
        },
      )
    ).node.version;
    const drafted = await update(draft.id, draftVersion, { paragraphs: ['Still being written.'] });
    expect(drafted.lastSubstantiveUpdateAt, 'writing a draft is not an update readers saw').toBe(null);
  });

  it('shows corrections in lists without a statement per article', async () => {
    const stories = [];
    for (let index = 0; index < 6; index++) {
      stories.push(await newsroom.article({ headline: `Listed story ${index}`, section, slug: `listed-${index}` }));
    }
    for (const story of stories) await add(story.id, 'CORRECTION', `Fixed a name in ${story.slug}.`);
    const list = (selection: string) =>
      `query ($section: ID!) { articles(first: 20, filter: { sections: [$section] }) { nodes { slug ${selection} } } }`;

    const plain = await lede.data(list(''), { section });
    const plainStatements = besidesSectionTree(lede.statements).length;
    const withCorrections = await lede.data(list('corrections { kind text } lastSubstantiveUpdateAt'), { section });
    expect(
      besidesSectionTree(lede.statements).length,
      'corrections load with the list, not one statement per article',
    ).toBe(plainStatements);
    expect(withCorrections.articles.nodes.length).toBe(plain.articles.nodes.length);
    const listed = new Map<string, { corrections: { text: string }[] }>(
      withCorrections.articles.nodes.map((node: { slug: string }) => [node.slug, node]),
    );
    for (const story of stories) {
      expect(listed.get(story.slug)?.corrections).toStrictEqual([
        { kind: 'CORRECTION', text: `Fixed a name in ${story.slug}.` },
      ]);
    }
  });

  it('brings the corrected article back through sync (updatedSince)', async () => {
    const corrected = await newsroom.article({ headline: 'Sync corrected', section, slug: 'sync-corrected' });
    await newsroom.article({ headline: 'Sync untouched', section, slug: 'sync-untouched' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    const synced = async () =>
      (
        await lede.data(
          `query ($since: DateTime!) { articles(filter: { updatedSince: $since }, orderBy: UPDATED_OLDEST_FIRST, first: 100) { nodes { slug corrections { text } } } }`,
          { since },
        )
      ).articles.nodes as { slug: string; corrections: { text: string }[] }[];
    expect(await synced()).toStrictEqual([]);
    await add(corrected.id, 'CORRECTION', 'The vote was 5–4, not 4–5.');
    expect(await synced()).toStrictEqual([
      { slug: 'sync-corrected', corrections: [{ text: 'The vote was 5–4, not 4–5.' }] },
    ]);
  });

  it('tells subscribers the article was UPDATED, with its correction', async () => {
    const story = await newsroom.article({ headline: 'Subscribed story', section, slug: 'subscribed-story' });
    const changes = await subscribeToChanges(lede);
    try {
      await add(story.id, 'CLARIFICATION', 'The mayor spoke for the council, not herself.');
      expect(await changes.next()).toStrictEqual({
        change: 'UPDATED',
        articleId: story.id,
        article: { corrections: [{ text: 'The mayor spoke for the council, not herself.' }] },
      });
    } finally {
      changes.close();
    }
  });

  it('refuses bad input with typed errors and writes nothing', async () => {
    const story = await newsroom.article({ headline: 'Refusals', section, slug: 'refusals' });
    const draft = await newsroom.article({ headline: 'Unpublished', section, slug: 'unpublished', status: 'DRAFT' });
    const scheduled = await newsroom.article({
      headline: 'Scheduled',
      section,
      slug: 'scheduled-story',
      publishedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const payload = async (article: string, text: string) =>
      (await add(article, 'CORRECTION', text)).data?.addArticleCorrection;

    expect(await payload(story.id, '   ')).toMatchObject({
      code: 'VALIDATION',
      problems: [{ field: 'text', code: 'REQUIRED' }],
    });
    expect(await payload(story.id, 'x'.repeat(2001))).toMatchObject({
      code: 'VALIDATION',
      problems: [{ field: 'text', code: 'TOO_LONG' }],
    });
    expect(await payload(draft.id, 'Too early.')).toMatchObject({
      code: 'VALIDATION',
      problems: [{ field: 'article', code: 'OUT_OF_RANGE' }],
    });
    expect(await payload(scheduled.id, 'Too early.')).toMatchObject({
      problems: [{ field: 'article', code: 'OUT_OF_RANGE' }],
    });
    const missing = Buffer.from('Article:999999').toString('base64');
    expect(await payload(missing, 'Nobody home.')).toMatchObject({ code: 'NOT_FOUND', field: 'article' });

    const badId = await add('not-an-id', 'CORRECTION', 'Text.');
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await lede.execute(ADD, { input: { article: story.id, kind: 'CORRECTION', text: 'Hi.' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await add(story.id, 'CORRECTION', 'Readers may not.', await lede.apiKey('READER'));
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await read(story.slug)).corrections).toStrictEqual([]);
    expect(
      await lede.database.prisma.articleCorrection.count({
        where: { article: { slug: { in: ['unpublished', 'scheduled-story'] } } },
      }),
    ).toBe(0);
  });
});
