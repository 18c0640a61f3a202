import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, defaultMostReadConfig, parseConfig } from '../src/config.ts';
import { createMostRead } from '../src/most-read/most-read.ts';
import { ViewCounter } from '../src/most-read/view-counter.ts';
import { decodeGlobalId } from '../src/schema/global-id.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const MOST_READ = `query ($window: MostReadWindow!, $section: ID, $first: Int) {
  mostRead(window: $window, section: $section, first: $first) {
    totalCount
    nodes { slug }
    pageInfo { hasNextPage }
  }
}`;
const RECORD = `mutation ($input: RecordArticleViewInput!) {
  recordArticleView(input: $input) {
    __typename
    ... on RecordArticleViewSuccess { counted }
    ... on NotFoundError { code field }
  }
}`;
const HOUR_MS = 3_600_000;

/** A beacon as `navigator.sendBeacon(url, JSON.stringify({ articleId }))` sends it: text/plain. */
function beacon(lede: TestGateway, body: string, headers: Record<string, string> = {}) {
  return lede.yoga.fetch('http://lede.test/views', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body,
  });
}

const readBy = (lede: TestGateway, articleId: string, client: string) =>
  beacon(lede, JSON.stringify({ articleId }), { 'user-agent': client });

/** `recordArticleView` from the client `client` (clients are told apart by address and user agent). */
async function recordBy(lede: TestGateway, articleId: string, client: string, apiKey?: string) {
  const response = await lede.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': client,
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query: RECORD, variables: { input: { article: articleId } } }),
  });
  const result = (await response.json()) as { data: { recordArticleView: Record<string, unknown> } };
  return result.data.recordArticleView;
}

describe(`most read (${databaseKind})`, () => {
  let lede: TestGateway;
  let newsroom: Newsroom;
  let editor: string;
  let world: string;
  let europe: string;
  let sport: string;
  const ids: Record<string, string> = {};
  afterAll(() => lede?.close());
  beforeAll(async () => {
    // No timed flushes: each test flushes when it means to.
    lede = await startTestGateway({ loadSampleContent: false, mostRead: { flushIntervalMs: 3_600_000 } });
    newsroom = await Newsroom.open(lede);
    editor = await lede.apiKey('EDITOR');
    world = await newsroom.section('World');
    europe = await newsroom.section('Europe', world);
    sport = await newsroom.section('Sport');
    for (const [slug, section] of [
      ['summit', world],
      ['election', europe],
      ['final', sport],
      ['derby', sport],
    ] as const) {
      ids[slug] = (await newsroom.article({ headline: slug, slug, section })).id;
    }
    ids.draft = (await newsroom.article({ headline: 'draft', slug: 'draft', section: world, status: 'DRAFT' })).id;
  });

  const dbId = (id: string | undefined) => decodeGlobalId('id', String(id), ['Article']).id;
  const list = async (variables: Record<string, unknown>, apiKey?: string) =>
    (await lede.data(MOST_READ, variables, { apiKey })).mostRead as {
      totalCount: number;
      nodes: { slug: string }[];
      pageInfo: { hasNextPage: boolean };
    };
  const slugs = async (variables: Record<string, unknown>, apiKey?: string) =>
    (await list(variables, apiKey)).nodes.map((node) => node.slug);
  const clearCounts = async () => {
    await lede.mostRead.flush();
    await lede.database.prisma.articleViewCount.deleteMany();
  };
  /** Stored counts, as a flush leaves them: `hoursAgo` 0 is the hour now running. */
  const storeViews = (slug: string, views: number, hoursAgo: number) =>
    lede.database.prisma.articleViewCount.create({
      data: {
        articleId: dbId(ids[slug]),
        hour: new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - hoursAgo * HOUR_MS),
        views,
      },
    });

  it('counts beacon and mutation reports per client, and ranks the articles by them', async () => {
    await clearCounts();
    for (let client = 0; client < 5; client++) {
      expect((await readBy(lede, ids.summit as string, `reader ${client}`)).status).toBe(204);
    }
    for (let client = 0; client < 3; client++) {
      // The mutation needs no key; a reader app may still send one.
      expect(
        await recordBy(lede, ids.final as string, `app ${client}`, client === 0 ? editor : undefined),
      ).toStrictEqual({ __typename: 'RecordArticleViewSuccess', counted: true });
    }
    expect((await readBy(lede, ids.election as string, 'reader 0')).status).toBe(204);

    expect(await slugs({ window: 'HOUR' }), 'nothing is listed before the flush').toStrictEqual([]);
    await lede.mostRead.flush();
    const ranked = await list({ window: 'HOUR' });
    expect(ranked.nodes.map((node) => node.slug)).toStrictEqual(['summit', 'final', 'election']);
    expect(ranked.totalCount).toBe(3);
    expect(ranked.pageInfo.hasNextPage).toBe(false);
    const top = await list({ window: 'HOUR', first: 2 });
    expect(top.nodes.map((node) => node.slug)).toStrictEqual(['summit', 'final']);
    expect(top.pageInfo.hasNextPage).toBe(true);
    const stored = await lede.database.prisma.articleViewCount.findMany({ orderBy: { views: 'desc' } });
    expect(stored.map((row) => row.views)).toStrictEqual([5, 3, 1]);
  });

  it('counts one client once per article in its window, and forgets clients beyond its bound', async () => {
    await clearCounts();
    for (let repeat = 0; repeat < 10; repeat++) {
      expect((await readBy(lede, ids.derby as string, 'the same reader')).status).toBe(204);
    }
    expect(await recordBy(lede, ids.derby as string, 'an app')).toStrictEqual({
      __typename: 'RecordArticleViewSuccess',
      counted: true,
    });
    expect(await recordBy(lede, ids.derby as string, 'an app'), 'the mutation says it was a repeat').toStrictEqual({
      __typename: 'RecordArticleViewSuccess',
      counted: false,
    });
    expect((await readBy(lede, ids.derby as string, 'another reader')).status).toBe(204);
    expect((await readBy(lede, ids.final as string, 'the same reader')).status, 'another article counts').toBe(204);
    await lede.mostRead.flush();
    const derby = await lede.database.prisma.articleViewCount.findMany({ where: { articleId: dbId(ids.derby) } });
    // Three clients: the reader that repeated itself ten times, the app that did twice, another reader.
    expect(derby.map((row) => row.views)).toStrictEqual([3]);

    const small = createMostRead(lede.database.prisma, { ...defaultMostReadConfig(), maxRememberedReads: 5 });
    try {
      for (let client = 0; client < 50; client++) await small.record(dbId(ids.summit), `client ${client}`);
      expect(small.limiter.size, 'the memory for the limit is bounded').toBe(5);
      expect(small.counter.pendingViews).toBe(50);
    } finally {
      await small.close();
    }
  });

  it('keeps HOUR, DAY and WEEK apart, and never lists counts older than a week', async () => {
    await clearCounts();
    await storeViews('election', 10, 0);
    await storeViews('summit', 50, 1);
    await storeViews('summit', 1, 3);
    await storeViews('final', 100, 3 * 24);
    await storeViews('derby', 1000, 10 * 24);
    expect(await slugs({ window: 'HOUR' })).toStrictEqual(['summit', 'election']);
    expect(await slugs({ window: 'DAY' })).toStrictEqual(['summit', 'election']);
    expect(await slugs({ window: 'WEEK' })).toStrictEqual(['final', 'summit', 'election']);
    await storeViews('election', 45, 2);
    expect(await slugs({ window: 'HOUR' }), 'two hours ago is outside HOUR').toStrictEqual(['summit', 'election']);
    expect(await slugs({ window: 'DAY' }), 'and inside DAY').toStrictEqual(['election', 'summit']);
  });

  it('filters by section, its subsections and further sections', async () => {
    await clearCounts();
    await storeViews('summit', 5, 0);
    await storeViews('election', 7, 0);
    await storeViews('final', 9, 0);
    expect(await slugs({ window: 'DAY', section: world })).toStrictEqual(['election', 'summit']);
    expect(await slugs({ window: 'DAY', section: europe })).toStrictEqual(['election']);
    expect(await slugs({ window: 'DAY', section: sport })).toStrictEqual(['final']);
    expect((await list({ window: 'DAY', section: sport })).totalCount).toBe(1);
    await lede.database.prisma.articleSection.create({
      data: { articleId: dbId(ids.final), sectionId: decodeGlobalId('s', europe, ['Section']).id },
    });
    expect(await slugs({ window: 'DAY', section: world }), 'a further section counts').toStrictEqual([
      'final',
      'election',
      'summit',
    ]);
    await lede.database.prisma.articleSection.deleteMany({ where: { articleId: dbId(ids.final) } });
  });

  it('lists and counts only public articles, for every client', async () => {
    await clearCounts();
    expect((await readBy(lede, ids.draft as string, 'reader')).status, 'a draft is not found').toBe(404);
    const draft = await lede.data(RECORD, { input: { article: ids.draft } });
    expect(draft.recordArticleView).toStrictEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', field: 'article' });
    await lede.mostRead.flush();
    expect(await lede.database.prisma.articleViewCount.count(), 'nothing was counted').toBe(0);

    await storeViews('draft', 500, 0);
    await storeViews('summit', 5, 0);
    await storeViews('final', 3, 0);
    const archive = await lede.data(
      `mutation ($input: ArchiveArticleInput!) { archiveArticle(input: $input) { __typename } }`,
      { input: { article: ids.final, version: 1 } },
      { apiKey: editor },
    );
    expect(archive.archiveArticle.__typename).toBe('ArchiveArticleSuccess');
    expect(await slugs({ window: 'HOUR' })).toStrictEqual(['summit']);
    expect(await slugs({ window: 'HOUR' }, editor), 'a preview key sees the public list too').toStrictEqual(['summit']);
    expect((await list({ window: 'HOUR' }, editor)).totalCount).toBe(1);
  });

  it('writes in batches: no statement per read, one per flush, sorted into clock hours', async () => {
    await clearCounts();
    lede.statements.length = 0;
    const articles = [ids.summit, ids.election, ids.derby] as string[];
    for (let client = 0; client < 60; client++) {
      expect((await readBy(lede, articles[client % 3] as string, `batch reader ${client}`)).status).toBe(204);
    }
    const writes = () => lede.statements.filter((sql) => /ArticleViewCount/.test(sql));
    expect(writes(), 'reads are counted in memory').toStrictEqual([]);
    expect(
      lede.statements.length <= articles.length,
      `at most one lookup per article, not one per read: ${lede.statements.length}`,
    ).toBeTruthy();
    await lede.mostRead.flush();
    expect(writes().filter((sql) => /^\s*INSERT/i.test(sql)).length, 'one statement for the whole batch').toBe(1);
    const stored = await lede.database.prisma.articleViewCount.findMany();
    expect(stored.map((row) => row.views)).toStrictEqual([20, 20, 20]);

    let clock = new Date('2026-01-05T10:59:59.000Z');
    const counter = new ViewCounter(lede.database.prisma, {
      flushIntervalMs: 3_600_000,
      retentionHours: 10 * 24 * 365,
      now: () => clock,
    });
    counter.add(dbId(ids.summit));
    counter.add(dbId(ids.summit));
    clock = new Date('2026-01-05T11:00:00.000Z');
    counter.add(dbId(ids.summit));
    await counter.close();
    const hours = await lede.database.prisma.articleViewCount.findMany({
      where: { articleId: dbId(ids.summit), hour: { lt: new Date('2026-02-01') } },
      orderBy: { hour: 'asc' },
    });
    expect(hours.map((row) => [row.hour.toISOString(), row.views])).toStrictEqual([
      ['2026-01-05T10:00:00.000Z', 2],
      ['2026-01-05T11:00:00.000Z', 1],
    ]);
  });

  it('keeps the counts of a failed flush for the next one, and removes counts past the retention', async () => {
    await clearCounts();
    const prisma = lede.database.prisma;
    const failures: unknown[] = [];
    let clock = new Date('2026-03-10T12:30:00.000Z');
    const counter = new ViewCounter(prisma, {
      flushIntervalMs: 3_600_000,
      retentionHours: 48,
      now: () => clock,
      onFlushError: (error) => failures.push(error),
    });
    await prisma.articleViewCount.createMany({
      data: [
        { articleId: dbId(ids.summit), hour: new Date('2026-03-08T11:00:00.000Z'), views: 7 },
        { articleId: dbId(ids.summit), hour: new Date('2026-03-08T12:00:00.000Z'), views: 8 },
      ],
    });
    counter.add(dbId(ids.election));
    counter.add(dbId(ids.election));
    const outage = vi.spyOn(prisma, '$executeRaw').mockRejectedValueOnce(new Error('connection lost'));
    try {
      expect(await counter.flush()).toBe(0);
    } finally {
      outage.mockRestore();
    }
    expect(failures.length).toBe(1);
    expect(counter.pendingViews, 'the counts wait for the next flush').toBe(2);
    clock = new Date('2026-03-10T12:45:00.000Z');
    counter.add(dbId(ids.election));
    await counter.close();
    const stored = await prisma.articleViewCount.findMany({ orderBy: { hour: 'asc' } });
    expect(stored.map((row) => [row.articleId, row.hour.toISOString(), row.views])).toStrictEqual([
      // 48 hours before the hour now running is kept; the hour before that is removed.
      [dbId(ids.summit), '2026-03-08T12:00:00.000Z', 8],
      [dbId(ids.election), '2026-03-10T12:00:00.000Z', 3],
    ]);
  });

  it('adds up the counts of several gateways on one database', async () => {
    await clearCounts();
    const gateways = [0, 1, 2].map(() => createMostRead(lede.database.prisma, defaultMostReadConfig()));
    try {
      for (const [index, gateway] of gateways.entries()) {
        for (let client = 0; client <= index; client++) await gateway.record(dbId(ids.summit), `client ${client}`);
        await gateway.record(dbId(ids.election), 'client 0');
      }
      await Promise.all(gateways.map((gateway) => gateway.flush()));
      await Promise.all(gateways.map((gateway) => gateway.flush()));
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.close()));
    }
    const stored = await lede.database.prisma.articleViewCount.findMany();
    expect(new Map(stored.map((row) => [row.articleId, row.views]))).toStrictEqual(
      new Map([
        [dbId(ids.summit), 1 + 2 + 3],
        [dbId(ids.election), 3],
      ]),
    );
  });

  it('refuses bad beacons with a clear status and code, and counts nothing for them', async () => {
    await clearCounts();
    const code = async (response: Response) => {
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      return [response.status, body.errors[0]?.extensions.code];
    };
    const get = await lede.yoga.fetch('http://lede.test/views', { method: 'GET' });
    expect(await code(get)).toStrictEqual([405, 'METHOD_NOT_ALLOWED']);
    expect(await code(await beacon(lede, 'not json'))).toStrictEqual([400, 'BAD_REQUEST']);
    expect(await code(await beacon(lede, '{}'))).toStrictEqual([400, 'BAD_REQUEST']);
    expect(await code(await beacon(lede, JSON.stringify({ articleId: 12 })))).toStrictEqual([400, 'BAD_REQUEST']);
    expect(await code(await beacon(lede, JSON.stringify({ articleId: world })))).toStrictEqual([400, 'BAD_USER_INPUT']);
    const missing = Buffer.from('Article:987654').toString('base64');
    expect(await code(await beacon(lede, JSON.stringify({ articleId: missing })))).toStrictEqual([404, 'NOT_FOUND']);
    const padded = JSON.stringify({ articleId: ids.summit, padding: 'x'.repeat(1000) });
    expect(await code(await beacon(lede, padded))).toStrictEqual([413, 'REQUEST_ENTITY_TOO_LARGE']);
    // Without a Content-Length the body is counted as it arrives.
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let chunk = 0; chunk < 20; chunk++) controller.enqueue(new TextEncoder().encode('x'.repeat(100)));
        controller.close();
      },
    });
    const streamed = await lede.yoga.fetch('http://lede.test/views', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: chunked,
      duplex: 'half',
    });
    expect(await code(streamed)).toStrictEqual([413, 'REQUEST_ENTITY_TOO_LARGE']);
    const form = await beacon(lede, `articleId=${encodeURIComponent(ids.summit as string)}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status, 'a form body works too').toBe(204);

    const badId = await lede.execute(RECORD, { input: { article: 'nonsense' } });
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await lede.data(RECORD, { input: { article: missing } });
    expect(unknown.recordArticleView).toStrictEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      field: 'article',
    });
    for (const first of [0, 51]) {
      const refused = await lede.execute(MOST_READ, { window: 'DAY', first });
      expect(refused.errors?.[0]?.message).toMatch(/first: must be at (least 1|most 50)/);
    }
    const badSection = await lede.execute(MOST_READ, { window: 'DAY', section: ids.summit });
    expect(badSection.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await lede.mostRead.flush();
    const stored = await lede.database.prisma.articleViewCount.findMany();
    expect(
      stored.map((row) => [row.articleId, row.views]),
      'only the form beacon counted',
    ).toStrictEqual([[dbId(ids.summit), 1]]);
  });

  it('spends the rate limit like any request, and does not purge the response cache', async () => {
    const limited = await startTestGateway({
      loadSampleContent: false,
      rateLimit: { anonymous: 4, keyed: 100, invalidKeys: 10, windowSeconds: 60, trustProxy: false },
      responseCache: { ttlMs: 60_000, maxEntries: 100 },
      mostRead: { flushIntervalMs: 3_600_000 },
    });
    try {
      const desk = await Newsroom.open(limited);
      const story = await desk.article({ headline: 'Cached story', section: await desk.section('Cached') });
      const front = '{ articles(first: 5) { nodes { id headline } } }';
      await limited.data(front);
      expect(limited.statements.length > 0).toBeTruthy();
      const record = await limited.data(RECORD, { input: { article: story.id } });
      expect(record.recordArticleView.counted).toBe(true);
      await limited.data(front);
      expect(limited.statements, 'the front page is still served from the cache').toStrictEqual([]);
      // Three anonymous requests spent: one more passes, the next is refused before it is read.
      expect((await beacon(limited, 'not json')).status).toBe(400);
      const refused = await beacon(limited, JSON.stringify({ articleId: story.id }));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });

  it('reads its settings from the environment, with documented defaults and bounds', () => {
    expect(parseConfig({}).mostRead).toStrictEqual(defaultMostReadConfig());
    expect(
      parseConfig({
        LEDE_MOST_READ_FLUSH_MS: '1000',
        LEDE_MOST_READ_CLIENT_WINDOW_SECONDS: '600',
        LEDE_MOST_READ_MAX_REMEMBERED: '5000',
        LEDE_TRUST_PROXY: 'true',
      }).mostRead,
    ).toStrictEqual({ flushIntervalMs: 1000, clientWindowSeconds: 600, maxRememberedReads: 5000, trustProxy: true });
    expect(() => parseConfig({ LEDE_MOST_READ_FLUSH_MS: '10' })).toThrow(ConfigError);
    expect(() => parseConfig({ LEDE_MOST_READ_MAX_REMEMBERED: 'lots' })).toThrow(/LEDE_MOST_READ_MAX_REMEMBERED/);
  });
});
