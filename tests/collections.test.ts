import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const COLLECTION = `query ($slug: String!, $at: DateTime) {
  collection(slug: $slug, at: $at) {
    slug title size version backfillRule scheduledChanges
    items { position pinned source article { headline status } }
    articles(first: 10) { totalCount edges { node { headline } } }
  }
}`;

const RESULT = `__typename
  ... on Error { code message }
  ... on ValidationError { problems { field code } }
  ... on NotFoundError { field }
  ... on ConflictError { expectedVersion currentVersion changedFields }`;

const mutation = (field: string, inputType: string) =>
  `mutation ($input: ${inputType}!) { ${field}(input: $input) { ${RESULT} ... on ${field[0]?.toUpperCase()}${field.slice(1)}Success { collection { version } } } }`;

type Item = { position: number; pinned: boolean; source: string; article: { headline: string; status: string } };
type Collection = {
  slug: string;
  title: string;
  version: number;
  scheduledChanges: string[];
  items: Item[];
  articles: { totalCount: number; edges: { node: { headline: string } }[] };
};
type Payload = {
  __typename: string;
  code?: string;
  field?: string;
  problems?: { field: string; code: string }[];
  changedFields?: string[];
  collection?: { version: number };
};

const COLLECTION_CHANGED = `subscription ($slug: String) {
  collectionChanged(slug: $slug) { change slug effectiveAt collection { title version } }
}`;

type Change = {
  change: string;
  slug: string;
  effectiveAt: string;
  collection: { title: string; version: number } | null;
};

/** A GraphQL-over-SSE subscriber: `next()` is the next event's payload. */
async function subscribe(lede: TestGateway, variables: Record<string, unknown>, apiKey?: string) {
  const abort = new AbortController();
  const response = await lede.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query: COLLECTION_CHANGED, variables }),
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<Change> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!/^event: next$/m.test(block)) continue;
          const result = JSON.parse(/^data: ?(.*)$/m.exec(block)?.[1] ?? 'null');
          expect(result.errors).toBe(undefined);
          return result.data.collectionChanged;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => abort.abort(),
  };
}

/** `headline:source` per slot, `-` for a slot the backfill could not fill. */
const slots = (collection: Collection) => {
  const shown: string[] = new Array(Math.max(0, ...collection.items.map((item) => item.position + 1))).fill('-');
  for (const item of collection.items) shown[item.position] = `${item.article.headline}:${item.source}`;
  return shown;
};

describe(`collections (${databaseKind})`, () => {
  let lede: TestGateway;
  let newsroom: Newsroom;
  let editor: string;
  let reader: string;
  let sectionId: string;
  const articles: Record<string, { id: string; version: number }> = {};

  const run = async (field: string, inputType: string, input: Record<string, unknown>): Promise<Payload> =>
    (await lede.data(mutation(field, inputType), { input }, { apiKey: editor }))[field];
  const ok = async (field: string, inputType: string, input: Record<string, unknown>) => {
    const payload = await run(field, inputType, input);
    expect(payload.__typename, JSON.stringify(payload)).toBe(`${field[0]?.toUpperCase()}${field.slice(1)}Success`);
    return payload.collection?.version as number;
  };
  const read = async (slug: string, options: { apiKey?: string; at?: string } = {}) =>
    (await lede.data<{ collection: Collection }>(COLLECTION, { slug, at: options.at }, { apiKey: options.apiKey }))
      .collection;
  const setStatus = async (name: string, field: 'unpublishArticle' | 'archiveArticle', inputType: string) => {
    const article = articles[name] as { id: string; version: number };
    const result = await lede.data(
      `mutation ($input: ${inputType}!) { ${field}(input: $input) { ... on ${field[0]?.toUpperCase()}${field.slice(1)}Success { article { version } } } }`,
      { input: { article: article.id, version: article.version } },
      { apiKey: editor },
    );
    article.version = result[field].article.version;
  };

  beforeAll(async () => {
    lede = await startTestGateway({ responseCache: { ttlMs: 60_000, maxEntries: 100 } });
    newsroom = await Newsroom.open(lede);
    editor = await lede.apiKey('EDITOR');
    reader = await lede.apiKey('READER');
    sectionId = await newsroom.section('Curation');
    const below = await newsroom.section('Curation Desk', sectionId);
    // n1 oldest … n6 newest; n7 a draft.
    for (const index of [1, 2, 3, 4, 5, 6, 7]) {
      const created = await newsroom.article({
        headline: `n${index}`,
        section: index % 2 ? sectionId : below,
        status: index === 7 ? 'DRAFT' : 'PUBLISHED',
        publishedAt: index === 7 ? undefined : new Date(Date.UTC(2026, 5, index)).toISOString(),
      });
      articles[`n${index}`] = { id: created.id, version: 1 };
    }
  });
  afterAll(() => lede?.close());

  it('builds a front page from pins, picks, reordering and backfill, and replaces what is unpublished', async () => {
    let version = await ok('createCollection', 'CreateCollectionInput', {
      slug: 'front/curated',
      title: 'Top stories',
      size: 4,
      backfill: { rule: 'FILTER', filter: { sections: [sectionId] } },
    });
    expect(slots(await read('front/curated'))).toStrictEqual([
      'n6:BACKFILL',
      'n5:BACKFILL',
      'n4:BACKFILL',
      'n3:BACKFILL',
    ]);

    const target = () => ({ collection: 'front/curated', version });
    version = await ok('addCollectionItem', 'AddCollectionItemInput', {
      ...target(),
      article: articles.n1?.id,
      position: 2,
      pinned: true,
    });
    version = await ok('addCollectionItem', 'AddCollectionItemInput', {
      ...target(),
      article: articles.n2?.id,
      position: 0,
    });
    version = await ok('addCollectionItem', 'AddCollectionItemInput', { ...target(), article: articles.n3?.id });
    expect(slots(await read('front/curated'))).toStrictEqual(['n2:PICKED', 'n3:PICKED', 'n1:PINNED', 'n6:BACKFILL']);

    // Reordering moves the picks around the pinned item, which keeps its slot.
    version = await ok('moveCollectionItem', 'MoveCollectionItemInput', {
      ...target(),
      article: articles.n3?.id,
      position: 0,
    });
    expect(slots(await read('front/curated'))).toStrictEqual(['n3:PICKED', 'n2:PICKED', 'n1:PINNED', 'n6:BACKFILL']);
    version = await ok('removeCollectionItem', 'RemoveCollectionItemInput', {
      ...target(),
      article: articles.n2?.id,
    });
    expect(slots(await read('front/curated'))).toStrictEqual(['n3:PICKED', 'n6:BACKFILL', 'n1:PINNED', 'n5:BACKFILL']);
    // A draft picked for the top: previews show it, anonymous readers the next article.
    version = await ok('addCollectionItem', 'AddCollectionItemInput', {
      ...target(),
      article: articles.n7?.id,
      position: 0,
    });

    // n3 is unpublished and the pinned n1 archived: anonymous readers see the next articles instead.
    await setStatus('n3', 'unpublishArticle', 'UnpublishArticleInput');
    await setStatus('n1', 'archiveArticle', 'ArchiveArticleInput');
    const anonymous = await read('front/curated');
    expect(slots(anonymous)).toStrictEqual(['n6:BACKFILL', 'n5:BACKFILL', 'n4:BACKFILL', 'n2:BACKFILL']);
    expect(anonymous.articles.edges.map(({ node }) => node.headline)).toStrictEqual(['n6', 'n5', 'n4', 'n2']);
    expect(anonymous.articles.totalCount).toBe(4);
    expect(anonymous.scheduledChanges).toStrictEqual([]);

    const preview = await read('front/curated', { apiKey: reader });
    expect(slots(preview)).toStrictEqual(['n7:PICKED', 'n3:PICKED', 'n1:PINNED', 'n6:BACKFILL']);
    expect(preview.items.map((item) => item.article.status)).toStrictEqual(['DRAFT', 'DRAFT', 'ARCHIVED', 'PUBLISHED']);
    expect(preview.items.map((item) => item.pinned)).toStrictEqual([false, false, true, false]);

    // Unpinning lets n1 flow with the picks from where it was.
    version = await ok('pinCollectionItem', 'PinCollectionItemInput', {
      ...target(),
      article: articles.n1?.id,
      pinned: false,
    });
    expect(slots(await read('front/curated', { apiKey: reader }))).toStrictEqual([
      'n7:PICKED',
      'n3:PICKED',
      'n1:PICKED',
      'n6:BACKFILL',
    ]);

    // An editor who read an older version gets a conflict naming what changed, and nothing is written.
    const stale = await run('addCollectionItem', 'AddCollectionItemInput', {
      collection: 'front/curated',
      version: version - 2,
      article: articles.n4?.id,
    });
    expect(stale.__typename).toBe('ConflictError');
    expect(stale.code).toBe('CONFLICT');
    expect(stale.changedFields).toStrictEqual(['items']);
    expect((await read('front/curated', { apiKey: reader })).version).toBe(version);
  });

  it('lets exactly one of two editors save against the same version', async () => {
    const version = await ok('createCollection', 'CreateCollectionInput', {
      slug: 'front/race',
      title: 'Race',
      size: 3,
    });
    const results = await Promise.all(
      ['n4', 'n5'].map((name) =>
        run('addCollectionItem', 'AddCollectionItemInput', {
          collection: 'front/race',
          version,
          article: articles[name]?.id,
        }),
      ),
    );
    expect(results.map((result) => result.__typename).sort()).toStrictEqual([
      'AddCollectionItemSuccess',
      'ConflictError',
    ]);
    const saved = await read('front/race', { apiKey: reader });
    expect([saved.version, saved.items.filter((item) => item.source === 'PICKED').length]).toStrictEqual([
      version + 1,
      1,
    ]);
  });

  it('lists collections by slug prefix and on their section', async () => {
    await ok('createCollection', 'CreateCollectionInput', {
      slug: 'curation/top',
      title: 'Curation',
      size: 2,
      section: sectionId,
    });
    const listed = await lede.data(
      `query ($section: ID!) {
        front: collections(slugPrefix: "front/") { totalCount nodes { slug } }
        bySection: collections(section: $section) { nodes { slug backfillRule section { name } } }
        node(id: $section) { ... on Section { collections { nodes { slug items { source article { headline } } } } } }
      }`,
      { section: sectionId },
    );
    expect(listed.front.nodes.map((node: { slug: string }) => node.slug)).toContain('front/curated');
    expect(listed.front.nodes.every((node: { slug: string }) => node.slug.startsWith('front/'))).toBeTruthy();
    expect(listed.bySection.nodes).toStrictEqual([
      { slug: 'curation/top', backfillRule: 'SECTION', section: { name: 'Curation' } },
    ]);
    // The section rule fills from the section and the sections below it, newest public first.
    expect(listed.node.collections.nodes).toStrictEqual([
      {
        slug: 'curation/top',
        items: [
          { source: 'BACKFILL', article: { headline: 'n6' } },
          { source: 'BACKFILL', article: { headline: 'n5' } },
        ],
      },
    ]);
  });

  it('refuses bad input with codes a client can switch on', async () => {
    const create = (input: Record<string, unknown>) =>
      run('createCollection', 'CreateCollectionInput', { slug: 'front/bad', title: 'Bad', size: 3, ...input });
    const duplicate = await create({ slug: 'front/curated' });
    expect([duplicate.code, duplicate.problems]).toStrictEqual([
      'VALIDATION',
      [{ field: 'slug', code: 'ALREADY_USED' }],
    ]);
    for (const size of [0, 51]) {
      const outOfRange = await create({ size });
      expect([outOfRange.code, outOfRange.problems]).toStrictEqual([
        'VALIDATION',
        [{ field: 'size', code: 'OUT_OF_RANGE' }],
      ]);
    }
    const badSlug = await create({ slug: 'Front Page' });
    expect(badSlug.problems).toStrictEqual([{ field: 'slug', code: 'INVALID_FORMAT' }]);

    const unknownCollection = await run('addCollectionItem', 'AddCollectionItemInput', {
      collection: 'front/nowhere',
      version: 1,
      article: articles.n4?.id,
    });
    expect([unknownCollection.code, unknownCollection.field]).toStrictEqual(['NOT_FOUND', 'collection']);

    const { version } = await read('front/curated', { apiKey: reader });
    const unknownArticle = await run('addCollectionItem', 'AddCollectionItemInput', {
      collection: 'front/curated',
      version,
      article: Buffer.from('Article:999999').toString('base64'),
    });
    expect([unknownArticle.code, unknownArticle.field]).toStrictEqual(['NOT_FOUND', 'article']);
    const twice = await run('addCollectionItem', 'AddCollectionItemInput', {
      collection: 'front/curated',
      version,
      article: articles.n1?.id,
    });
    expect(twice.problems).toStrictEqual([{ field: 'article', code: 'ALREADY_USED' }]);
    const tooFar = await run('moveCollectionItem', 'MoveCollectionItemInput', {
      collection: 'front/curated',
      version,
      article: articles.n1?.id,
      position: 4,
    });
    expect(tooFar.problems).toStrictEqual([{ field: 'position', code: 'OUT_OF_RANGE' }]);
    const tooSmall = await run('updateCollection', 'UpdateCollectionInput', {
      collection: 'front/curated',
      version,
      size: 2,
    });
    expect(tooSmall.problems).toStrictEqual([{ field: 'size', code: 'TOO_MANY' }]);
    // None of the refused changes was written.
    expect((await read('front/curated', { apiKey: reader })).version).toBe(version);

    const anonymous = await lede.execute(mutation('createCollection', 'CreateCollectionInput'), {
      input: { slug: 'front/anon', title: 'Anon', size: 2 },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const peek = await lede.execute(COLLECTION, { slug: 'front/curated', at: '2030-01-01T00:00:00Z' });
    expect(peek.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await lede.data(COLLECTION, { slug: 'front/nowhere' })).toStrictEqual({ collection: null });
  });

  it('purges the cached responses that showed a collection when it changes', async () => {
    await ok('createCollection', 'CreateCollectionInput', { slug: 'front/cached', title: 'Before', size: 1 });
    const first = await lede.execute<{ collection: Collection }>(COLLECTION, { slug: 'front/cached' });
    const again = await lede.execute<{ collection: Collection }>(COLLECTION, { slug: 'front/cached' });
    expect(lede.statements.length, 'served from the cache, without SQL').toBe(0);
    expect(again.data?.collection.title).toBe(first.data?.collection.title);
    await ok('updateCollection', 'UpdateCollectionInput', {
      collection: 'front/cached',
      version: first.data?.collection.version,
      title: 'After',
    });
    const after = await lede.execute<{ collection: Collection }>(COLLECTION, { slug: 'front/cached' });
    expect(lede.statements.length > 0, 'read again from the database').toBeTruthy();
    expect(after.data?.collection.title).toBe('After');
  });

  it('shows a scheduled revision from its time on, and no cached response outlives that time', async () => {
    let version = await ok('createCollection', 'CreateCollectionInput', {
      slug: 'front/planned',
      title: 'Night',
      size: 2,
    });
    version = await ok('setCollectionItems', 'SetCollectionItemsInput', {
      collection: 'front/planned',
      version,
      items: [{ article: articles.n5?.id }],
    });
    const at = new Date(Date.now() + 2_000).toISOString();
    await ok('setCollectionItems', 'SetCollectionItemsInput', {
      collection: 'front/planned',
      version,
      at,
      items: [{ article: articles.n6?.id, pinned: true }, { article: articles.n4?.id }],
    });
    await ok('updateCollection', 'UpdateCollectionInput', {
      collection: 'front/planned',
      version: version + 1,
      at,
      title: 'Morning',
    });

    // Before its time: readers (and the cache) get tonight's collection; previews can look ahead.
    const before = await read('front/planned');
    expect([before.title, slots(before)]).toStrictEqual(['Night', ['n5:PICKED']]);
    const cached = await lede.execute<{ collection: Collection }>(COLLECTION, { slug: 'front/planned' });
    expect(lede.statements.length, 'served from the cache, without SQL').toBe(0);
    expect(cached.data?.collection.title).toBe('Night');
    expect((await read('front/planned', { apiKey: reader })).scheduledChanges).toStrictEqual([at]);
    const ahead = await read('front/planned', { apiKey: reader, at });
    expect([ahead.title, slots(ahead)]).toStrictEqual(['Morning', ['n6:PINNED', 'n4:PICKED']]);

    // The cache holds responses for a minute; the scheduled revision takes effect before that.
    await sleep(new Date(at).getTime() - Date.now() + 50);
    const later = await lede.execute<{ collection: Collection }>(COLLECTION, { slug: 'front/planned' });
    expect(lede.statements.length > 0, 'read again from the database').toBeTruthy();
    expect([later.data?.collection.title, slots(later.data?.collection as Collection)]).toStrictEqual([
      'Morning',
      ['n6:PINNED', 'n4:PICKED'],
    ]);
    expect(later.data?.collection.scheduledChanges).toStrictEqual([]);
  });

  it('tells subscribers of changes; only previews hear of scheduled ones before their time', async () => {
    const anonymous = await subscribe(lede, { slug: 'front/live' });
    const preview = await subscribe(lede, { slug: 'front/live' }, reader);
    try {
      let version = await ok('createCollection', 'CreateCollectionInput', {
        slug: 'front/live',
        title: 'Live',
        size: 3,
      });
      const at = new Date(Date.now() + 3_600_000).toISOString();
      await ok('updateCollection', 'UpdateCollectionInput', { collection: 'front/live', version, at, title: 'Later' });
      version = await ok('updateCollection', 'UpdateCollectionInput', {
        collection: 'front/live',
        version: version + 1,
        title: 'Now',
      });
      // Each event's `collection` is the collection as it is when the event is read.
      expect(await preview.next()).toMatchObject({ change: 'CREATED', slug: 'front/live' });
      expect(await preview.next()).toMatchObject({ change: 'SCHEDULED', effectiveAt: at });
      expect(await preview.next()).toMatchObject({ change: 'UPDATED', collection: { title: 'Now', version } });
      expect(await anonymous.next()).toMatchObject({ change: 'CREATED', slug: 'front/live' });
      expect(await anonymous.next()).toMatchObject({ change: 'UPDATED', collection: { title: 'Now', version } });
      const deleted = await lede.data(
        `mutation ($input: DeleteCollectionInput!) { deleteCollection(input: $input) { ... on DeleteCollectionSuccess { deletedId } } }`,
        { input: { collection: 'front/live', version } },
        { apiKey: editor },
      );
      expect(deleted.deleteCollection.deletedId).toBeTruthy();
      expect(await anonymous.next()).toMatchObject({ change: 'DELETED', collection: null });
    } finally {
      anonymous.close();
      preview.close();
    }
  });
});
