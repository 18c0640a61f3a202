import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const SYNC_ARTICLES = `query ($since: DateTime!, $after: String) {
  articles(filter: { updatedSince: $since }, orderBy: UPDATED_OLDEST_FIRST, first: 2, after: $after) {
    edges { node { id headline updatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SYNC_REMOVALS = `query ($since: DateTime!, $after: String) {
  deletedArticles(since: $since, first: 2, after: $after) {
    edges { node { articleId slug reason deletedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
// Each such mutation has its own input type: ArchiveArticleInput for archiveArticle, and so on.
const VERSIONED = (name: string) => `mutation ($input: ${name.charAt(0).toUpperCase()}${name.slice(1)}Input!) {
  ${name}(input: $input) { __typename ... on Error { message } }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) { __typename ... on Error { message } }
}`;
const PUBLISH = `mutation ($input: PublishArticleInput!) {
  publishArticle(input: $input) { __typename ... on Error { message } }
}`;

type Page<T> = { edges: { node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type Synced = { id: string; headline: string; updatedAt: string };
type Tombstone = { articleId: string; slug: string; reason: string; deletedAt: string };

describe(`sync with updatedSince and deletedArticles (${databaseKind})`, () => {
  let lede: TestGateway;
  let newsroom: Newsroom;
  let editor: string;
  let section: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    newsroom = await Newsroom.open(lede);
    editor = await lede.apiKey('EDITOR');
    section = await newsroom.section('Sync Desk');
  });

  /** Follows every page, as a client does; the pages must never repeat an item. */
  async function all<T>(query: string, field: string, since: string, apiKey?: string): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    do {
      const page: Page<T> = (await lede.data(query, { since, after }, { apiKey }))[field];
      items.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return items;
  }

  const version = async (id: string) =>
    (await lede.data('query ($id: ID!) { node(id: $id) { ... on Article { version } } }', { id }, { apiKey: editor }))
      .node.version as number;
  const mutate = async (mutation: string, input: Record<string, unknown>) => {
    const result = await lede.data(mutation, { input }, { apiKey: editor });
    const payload = Object.values(result)[0] as { __typename: string; message?: string };
    expect(payload.__typename, payload.message).not.toMatch(/Error$/);
  };
  const latest = (items: Synced[]) =>
    items
      .map((item) => item.updatedAt)
      .sort()
      .at(-1) ?? '';

  it('gives a client exactly what changed since its last sync, removals included', async () => {
    const kept = await newsroom.article({ headline: 'Kept as it was', section });
    const edited = await newsroom.article({ headline: 'Edited later', section });
    const deleted = await newsroom.article({ headline: 'Deleted later', section });
    const unpublished = await newsroom.article({ headline: 'Unpublished later', section });
    const draft = await newsroom.article({ headline: 'A draft', section, status: 'DRAFT' });

    // First sync: everything public, in a stable order across pages.
    const first = await all<Synced>(SYNC_ARTICLES, 'articles', '1970-01-01T00:00:00Z');
    expect(first.map((article) => article.id)).toStrictEqual([kept.id, edited.id, deleted.id, unpublished.id]);
    const since = latest(first);
    expect(await all(SYNC_REMOVALS, 'deletedArticles', '1970-01-01T00:00:00Z')).toStrictEqual([]);

    // The newsroom works on.
    await mutate(UPDATE, { article: edited.id, version: await version(edited.id), headline: 'Edited: new headline' });
    await mutate(VERSIONED('deleteArticle'), { article: deleted.id, version: await version(deleted.id) });
    await mutate(VERSIONED('unpublishArticle'), { article: unpublished.id, version: await version(unpublished.id) });
    await mutate(UPDATE, { article: draft.id, version: await version(draft.id), headline: 'Still a draft' });
    const added = await newsroom.article({ headline: 'Added later', section });
    const draftDeleted = await newsroom.article({ headline: 'Draft, deleted', section, status: 'DRAFT' });
    await mutate(VERSIONED('deleteArticle'), { article: draftDeleted.id, version: await version(draftDeleted.id) });

    // Second sync from the largest updatedAt received: `since` is inclusive, so the last article
    // of the first sync comes again (apply changes idempotently); drafts never appear.
    const changed = await all<Synced>(SYNC_ARTICLES, 'articles', since);
    expect(
      changed.map((article) => article.headline),
      'the unpublished article (the last one received) is now a removal, not a change',
    ).toStrictEqual(['Edited: new headline', 'Added later']);
    const removals = await all<Tombstone>(SYNC_REMOVALS, 'deletedArticles', since);
    expect(
      removals.map(({ articleId, slug, reason }) => ({ articleId, slug, reason })),
      'anonymous clients see removals of public articles only',
    ).toStrictEqual([
      { articleId: deleted.id, slug: deleted.slug, reason: 'DELETED' },
      { articleId: unpublished.id, slug: unpublished.slug, reason: 'UNPUBLISHED' },
    ]);
    const previewRemovals = await all<Tombstone>(SYNC_REMOVALS, 'deletedArticles', since, editor);
    expect(previewRemovals.map((tombstone) => tombstone.articleId)).toStrictEqual([
      deleted.id,
      unpublished.id,
      draftDeleted.id,
    ]);

    // Publishing again brings the article back through the changes and clears its tombstone.
    const third = latest(changed);
    await mutate(PUBLISH, { article: unpublished.id, version: await version(unpublished.id) });
    expect((await all<Synced>(SYNC_ARTICLES, 'articles', third)).map((article) => article.id)).toStrictEqual([
      added.id,
      unpublished.id,
    ]);
    expect(
      (await all<Tombstone>(SYNC_REMOVALS, 'deletedArticles', since)).map((tombstone) => tombstone.reason),
    ).toStrictEqual(['DELETED']);
  });

  it('includes a scheduled article whose publication time came, though it did not change', async () => {
    const scheduled = await newsroom.article({
      headline: 'Scheduled for later',
      section,
      publishedAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const since = new Date().toISOString();
    const ids = async () => (await all<Synced>(SYNC_ARTICLES, 'articles', since)).map((article) => article.id);
    expect(!(await ids()).includes(scheduled.id)).toBeTruthy();
    // Its time comes (moved into the past without touching updatedAt).
    const row = await lede.database.prisma.article.findFirstOrThrow({ where: { slug: scheduled.slug } });
    await lede.database.prisma.article.update({
      where: { id: row.id },
      data: { publishedAt: new Date(), updatedAt: row.updatedAt },
    });
    expect((await ids()).includes(scheduled.id)).toBeTruthy();
  });

  it('pages in a stable order when many articles share one updatedAt', async () => {
    const created = [];
    for (let index = 0; index < 5; index += 1) {
      created.push(await newsroom.article({ headline: `Same instant ${index}`, section }));
    }
    const instant = new Date('2030-01-01T00:00:00Z');
    await lede.database.prisma.article.updateMany({
      where: { slug: { in: created.map((article) => article.slug) } },
      data: { updatedAt: instant },
    });
    const paged = await all<Synced>(SYNC_ARTICLES, 'articles', instant.toISOString());
    expect(paged.length, 'no article skipped or repeated across pages of 2').toBe(5);
    const rowIds = (
      await lede.database.prisma.article.findMany({
        where: { slug: { in: created.map((article) => article.slug) } },
        orderBy: { id: 'asc' },
      })
    ).map((row) => row.id);
    const decoded = paged.map((article) => Number(Buffer.from(article.id, 'base64').toString().split(':')[1]));
    expect(decoded, 'ties broken by ID, ascending').toStrictEqual(rowIds);
  });
});
