import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const ARTICLE_CHANGED = `subscription ($filter: ArticleChangeFilter) {
  articleChanged(filter: $filter) { change articleId article { headline status } }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { __typename } }`;
const UNPUBLISH = `mutation ($input: UnpublishArticleInput!) { unpublishArticle(input: $input) { __typename } }`;
const DELETE = `mutation ($input: DeleteArticleInput!) { deleteArticle(input: $input) { __typename } }`;

type Change = { change: string; articleId: string; article: { headline: string; status: string } | null };

/**
 * A GraphQL-over-SSE client in "distinct connections" mode: one request, `Accept: text/event-stream`,
 * and each `event: next` carries one result.
 */
/** A subscription request's whole answer as text: for one refused or failed before its stream starts. */
async function subscriptionText(gateway: TestGateway, variables: Record<string, unknown> = {}, apiKey?: string) {
  const response = await gateway.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query: ARTICLE_CHANGED, variables }),
  });
  return response.text();
}

async function subscribe(
  gateway: TestGateway,
  variables: Record<string, unknown> = {},
  options: { apiKey?: string; method?: 'GET' | 'POST'; query?: string } = {},
) {
  const abort = new AbortController();
  const headers: Record<string, string> = {
    accept: 'text/event-stream',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };
  const query = options.query ?? ARTICLE_CHANGED;
  const response =
    options.method === 'GET'
      ? await gateway.yoga.fetch(
          `http://lede.test/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`,
          { headers, signal: abort.signal },
        )
      : await gateway.yoga.fetch('http://lede.test/graphql', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
          signal: abort.signal,
        });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next message's event name and parsed data; `complete` when the server ended the stream. */
  const message = async (): Promise<{ event: string; data: unknown }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (!event) continue; // a keep-alive comment
        const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? '';
        return { event, data: data ? JSON.parse(data) : null };
      }
      const { value, done } = await reader.read();
      if (done) return { event: 'closed', data: null };
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return {
    async next(): Promise<Change> {
      const { event, data } = await message();
      expect(event, `expected an event, got ${event}`).toBe('next');
      const result = data as { data?: { articleChanged: Change }; errors?: unknown };
      expect(result.errors).toBe(undefined);
      return (result.data as { articleChanged: Change }).articleChanged;
    },
    message,
    close: () => abort.abort(),
  };
}

describe(`subscriptions over server-sent events (${databaseKind})`, () => {
  let lede: TestGateway;
  let newsroom: Newsroom;
  let editor: string;
  let world: string;
  let europe: string;
  let sport: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    newsroom = await Newsroom.open(lede);
    editor = await lede.apiKey('EDITOR');
    world = await newsroom.section('World');
    europe = await newsroom.section('Europe', world);
    sport = await newsroom.section('Sport');
  });

  const version = async (id: string) =>
    (await lede.data('query ($id: ID!) { node(id: $id) { ... on Article { version } } }', { id }, { apiKey: editor }))
      .node.version as number;
  const mutate = async (mutation: string, input: Record<string, unknown>) => {
    const result = await lede.data(mutation, { input }, { apiKey: editor });
    expect((Object.values(result)[0] as { __typename: string }).__typename).not.toMatch(/Error$/);
  };

  it('tells an anonymous subscriber of a publish, an update, an unpublish and a delete', async () => {
    const stream = await subscribe(lede);
    try {
      const article = await newsroom.article({ headline: 'Live: harbour opens', section: world });
      expect(await stream.next()).toStrictEqual({
        change: 'PUBLISHED',
        articleId: article.id,
        article: { headline: 'Live: harbour opens', status: 'PUBLISHED' },
      });
      await mutate(UPDATE, { article: article.id, version: await version(article.id), headline: 'Harbour opened' });
      expect(await stream.next()).toStrictEqual({
        change: 'UPDATED',
        articleId: article.id,
        article: { headline: 'Harbour opened', status: 'PUBLISHED' },
      });
      await mutate(UNPUBLISH, { article: article.id, version: await version(article.id) });
      expect(await stream.next()).toStrictEqual({ change: 'UNPUBLISHED', articleId: article.id, article: null });

      const other = await newsroom.article({ headline: 'Short-lived', section: world });
      expect((await stream.next()).change).toBe('PUBLISHED');
      await mutate(DELETE, { article: other.id, version: await version(other.id) });
      expect(await stream.next()).toStrictEqual({ change: 'DELETED', articleId: other.id, article: null });
    } finally {
      stream.close();
    }
  });

  // A missing event would leave next() waiting: the timeout turns that into a failure.
  it('tells subscribers of imported articles: a new file and a changed one, not an unchanged one', {
    timeout: 30_000,
  }, async () => {
    const stream = await subscribe(lede);
    const importFile = async (headline: string) => {
      const content = `Published Date: 02.03.2025 08:00\n\n${headline}\n\nThe port reopened on Monday.\n`;
      const { importArticles } = await lede.data(
        'mutation ($files: [ImportFileInput!]!) { importArticles(files: $files) { outcome } }',
        { files: [{ name: 'live-import.txt', content }] },
        { apiKey: editor },
      );
      return importArticles[0].outcome as string;
    };
    try {
      expect(await importFile('Imported: port reopens')).toBe('CREATED');
      const created = await stream.next();
      expect([created.change, created.article]).toStrictEqual([
        'PUBLISHED',
        { headline: 'Imported: port reopens', status: 'PUBLISHED' },
      ]);
      expect(await importFile('Imported: port reopens')).toBe('UNCHANGED');
      const marker = await newsroom.article({ headline: 'After the unchanged import', section: world });
      expect((await stream.next()).articleId, 'the unchanged file sent no event').toBe(marker.id);
      expect(await importFile('Imported: port reopened')).toBe('UPDATED');
      expect(await stream.next()).toStrictEqual({
        change: 'UPDATED',
        articleId: created.articleId,
        article: { headline: 'Imported: port reopened', status: 'PUBLISHED' },
      });
    } finally {
      stream.close();
    }
  });

  it('never shows drafts to anonymous subscribers, and shows them with an API key', async () => {
    const anonymous = await subscribe(lede);
    const preview = await subscribe(lede, {}, { apiKey: editor });
    try {
      const draft = await newsroom.article({ headline: 'Secret draft', section: world, status: 'DRAFT' });
      await mutate(UPDATE, { article: draft.id, version: await version(draft.id), headline: 'Secret draft, edited' });
      const marker = await newsroom.article({ headline: 'Public marker', section: world });
      // Events arrive in order: the first the anonymous subscriber hears of is the public one.
      expect(await anonymous.next()).toStrictEqual({
        change: 'PUBLISHED',
        articleId: marker.id,
        article: { headline: 'Public marker', status: 'PUBLISHED' },
      });
      // The article is read when the event is delivered: this reader is behind, so it sees the edit.
      const heard = [await preview.next(), await preview.next(), await preview.next()];
      expect(heard.map((event) => [event.change, event.articleId])).toStrictEqual([
        ['UPDATED', draft.id],
        ['UPDATED', draft.id],
        ['PUBLISHED', marker.id],
      ]);
      expect(heard[0]?.article).toStrictEqual({ headline: 'Secret draft, edited', status: 'DRAFT' });
    } finally {
      anonymous.close();
      preview.close();
    }
  });

  it('filters by section, with or without its subsections, over POST and GET', async () => {
    const withSubsections = await subscribe(lede, { filter: { section: world } }, { method: 'GET' });
    const worldOnly = await subscribe(lede, { filter: { section: world, includeSubsections: false } });
    try {
      await newsroom.article({ headline: 'Cup final', section: sport });
      await newsroom.article({ headline: 'Summit in Vienna', section: europe });
      await newsroom.article({ headline: 'World roundup', section: world });
      expect((await withSubsections.next()).article?.headline).toBe('Summit in Vienna');
      expect((await withSubsections.next()).article?.headline).toBe('World roundup');
      expect((await worldOnly.next()).article?.headline).toBe('World roundup');
    } finally {
      withSubsections.close();
      worldOnly.close();
    }
  });

  it('keeps a subscription open past the request timeout', async () => {
    const short = await startTestGateway({ loadSampleContent: false, operations: { requestTimeoutMs: 200 } });
    const stream = await subscribe(short);
    try {
      await sleep(400); // twice the request timeout
      // Published directly: a mutation might itself take longer than 200 ms on a busy machine.
      short.articleEvents.publish({
        articleId: 7,
        change: 'DELETED',
        wasPublic: true,
        isPublic: false,
        sectionIds: [],
      });
      expect(await stream.next()).toStrictEqual({
        change: 'DELETED',
        articleId: encodeGlobalId('Article', 7),
        article: null,
      });
    } finally {
      stream.close();
      await short.close();
    }
  });

  it('refuses a bad section ID with a clear error', async () => {
    const text = await subscriptionText(lede, { filter: { section: 'nonsense' } });
    expect(text).toMatch(/is not a global ID issued by this API/);
    expect(text).toMatch(/BAD_USER_INPUT/);
  });

  it('holds streams open at once to a bound per client and in all, and frees a place when one ends', async () => {
    const bounded = await startTestGateway({ loadSampleContent: false, subscriptions: { perClient: 2, total: 3 } });
    try {
      // Subscriptions that fail before their stream starts hold no place.
      for (let n = 0; n < 3; n++) {
        expect(await subscriptionText(bounded, { filter: { section: 'nonsense' } })).toMatch(/BAD_USER_INPUT/);
      }
      const first = await subscribe(bounded);
      await subscribe(bounded);
      expect(await subscriptionText(bounded), 'a third from the same client').toMatch(/TOO_MANY_SUBSCRIPTIONS/);
      const reader = await bounded.apiKey('READER');
      await subscribe(bounded, {}, { apiKey: reader });
      expect(await subscriptionText(bounded, {}, await bounded.apiKey('READER')), 'a fourth on the gateway').toMatch(
        /TOO_MANY_SUBSCRIPTIONS/,
      );
      first.close();
      // The closed stream's place is freed once the gateway sees its client go.
      let reopened = false;
      for (let attempt = 0; attempt < 50 && !reopened; attempt++) {
        await sleep(50);
        const text = subscriptionText(bounded);
        const answer = await Promise.race([text, sleep(500).then(() => 'open')]);
        reopened = answer === 'open';
      }
      expect(reopened, 'a stream opens again after one closed').toBe(true);
    } finally {
      await bounded.close();
    }
  });

  it('ends open streams when the gateway closes its events (graceful shutdown)', async () => {
    const stream = await subscribe(lede);
    await lede.articleEvents.close();
    expect((await stream.message()).event).toBe('complete');
  });
});

const redisServer = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

// Needs redis-server (apt-get install redis-server).
describe.skipIf(!existsSync(redisServer))(`subscriptions across gateways through Redis (${databaseKind})`, () => {
  let redis: ChildProcess;
  let client: Redis;
  const gateways: TestGateway[] = [];
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    client = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => {});
    for (let attempt = 0; ; attempt++) {
      try {
        await client.connect();
        await client.ping();
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await sleep(50);
      }
    }
    for (let index = 0; index < 2; index++) {
      gateways.push(await startTestGateway({ loadSampleContent: false, redisUrl: `redis://127.0.0.1:${port}` }));
    }
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    client?.disconnect();
    redis?.kill();
  });

  it('delivers a write through one gateway to a subscriber on the other, once', async () => {
    const [writer, reader] = gateways as [TestGateway, TestGateway];
    const onReader = await subscribe(reader);
    const onWriter = await subscribe(writer);
    try {
      // Both gateways' subscriber connections have subscribed to the channel.
      for (let attempt = 0; ; attempt++) {
        const [, count] = (await client.pubsub('NUMSUB', 'lede:article-changed')) as [string, number];
        if (Number(count) >= 2) break;
        if (attempt > 200) expect.unreachable('the gateways never subscribed to the Redis channel');
        await sleep(10);
      }
      const newsroom = await Newsroom.open(writer);
      const section = await newsroom.section('Wires');
      const article = await newsroom.article({ headline: 'Across instances', section });
      const heard = await onReader.next();
      expect(heard.change).toBe('PUBLISHED');
      expect(heard.articleId).toBe(article.id);
      const own = await onWriter.next();
      expect(own.article).toStrictEqual({ headline: 'Across instances', status: 'PUBLISHED' });
      // Exactly once: the next event on the writer is the next write, not a duplicate.
      const second = await newsroom.article({ headline: 'Second wire', section });
      expect((await onWriter.next()).articleId).toBe(second.id);
    } finally {
      onReader.close();
      onWriter.close();
    }
  });
});
