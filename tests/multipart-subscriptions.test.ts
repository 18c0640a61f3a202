import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const ARTICLE_CHANGED = 'subscription { articleChanged { change articleId article { headline } } }';
/** What Apollo Client's HttpLink sends for a subscription. */
const APOLLO_ACCEPT = 'multipart/mixed;subscriptionSpec="1.0", application/json';

type Part = { payload?: { data?: unknown; errors?: unknown[] } | null; errors?: unknown[] };

/**
 * A client of the multipart subscription protocol that reads the body as Apollo Client does: the
 * boundary comes from Content-Type, parts are split on "\r\n--<boundary>", and each part's JSON
 * follows its headers and a blank line.
 */
async function subscribeMultipart(gateway: TestGateway, query = ARTICLE_CHANGED, accept = APOLLO_ACCEPT) {
  const abort = new AbortController();
  const response = await gateway.yoga.fetch('http://lede.test/graphql', {
    method: 'POST',
    headers: { accept, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  const type = response.headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  /** The next part's JSON; undefined once the body ended. */
  const part = async (): Promise<Part | undefined> => {
    const delimiter = `\r\n--${boundary}`;
    for (;;) {
      const at = buffer.indexOf(delimiter);
      if (at >= 0) {
        const message = buffer.slice(0, at);
        buffer = buffer.slice(at + delimiter.length);
        const blank = message.indexOf('\r\n\r\n');
        if (blank < 0) continue; // the preamble before the first boundary
        expect(message.slice(0, blank).toLowerCase()).toMatch(/content-type: application\/json/);
        return JSON.parse(message.slice(blank + 4)) as Part;
      }
      if (ended) return undefined;
      const { value, done } = await reader.read();
      if (done) ended = true;
      else buffer += decoder.decode(value, { stream: true });
    }
  };
  return {
    response,
    type,
    part,
    /** The next part with a payload, skipping heartbeats. */
    async next(): Promise<Part> {
      for (;;) {
        const next = await part();
        expectTruthy(next, 'the stream ended before the next event');
        if (Object.keys(next).length > 0) return next;
      }
    },
    rest: async () => {
      while (!ended) {
        const { value, done } = await reader.read();
        if (done) ended = true;
        else buffer += decoder.decode(value, { stream: true });
      }
      return buffer;
    },
    close: () => abort.abort(),
  };
}

describe(`subscriptions over multipart HTTP, as Apollo Client sends them (${databaseKind})`, () => {
  let lede: TestGateway;
  let newsroom: Newsroom;
  let world: string;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    newsroom = await Newsroom.open(lede);
    world = await newsroom.section('World');
  });
  afterAll(() => lede?.close());

  it('answers a subscription with one part per change, each in a payload, after a heartbeat', async () => {
    const stream = await subscribeMultipart(lede);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.type).toMatch(/^multipart\/mixed;\s*boundary="?graphql"?;\s*subscriptionSpec="1\.0"/);
      expect(stream.response.headers.get('cache-control')).toBe('no-store');
      expect(await stream.part(), 'a heartbeat first, so proxies see the response start').toStrictEqual({});
      const article = await newsroom.article({ headline: 'Multipart: harbour opens', section: world });
      expect(await stream.next()).toStrictEqual({
        payload: {
          data: {
            articleChanged: {
              change: 'PUBLISHED',
              articleId: article.id,
              article: { headline: 'Multipart: harbour opens' },
            },
          },
        },
      });
      await newsroom.article({ headline: 'Multipart: second story', section: world });
      const second = (await stream.next()).payload?.data as { articleChanged: { article: { headline: string } } };
      expect(second.articleChanged.article.headline).toBe('Multipart: second story');
    } finally {
      stream.close();
    }
  });

  it("delivers changes to Apollo Client's own HttpLink, with possibleTypes matching `... on Error`", async () => {
    const client = new ApolloClient({
      link: new HttpLink({
        uri: 'http://lede.test/graphql',
        fetch: (input, init) => Promise.resolve(lede.yoga.fetch(String(input), init as RequestInit)),
      }),
      cache: new InMemoryCache({ possibleTypes: { Error: ['ConflictError', 'NotFoundError', 'ValidationError'] } }),
    });
    const received: unknown[] = [];
    const failures: unknown[] = [];
    const subscription = client
      .subscribe({ query: gql(ARTICLE_CHANGED) })
      .subscribe({ next: (result) => received.push(result.data), error: (error) => failures.push(error) });
    try {
      // Apollo does not say when the stream is open: publish until an event arrives.
      const started = Date.now();
      const created: string[] = [];
      while (received.length === 0 && failures.length === 0) {
        if (Date.now() - started > 20_000) throw new Error('no event reached Apollo Client');
        created.push((await newsroom.article({ headline: `Apollo: ferry ${created.length}`, section: world })).id);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(failures).toStrictEqual([]);
      const first = received[0] as { articleChanged: { articleId: string } };
      const index = created.indexOf(first.articleChanged.articleId);
      expect(index >= 0, 'the event is about an article published here').toBeTruthy();
      expect(first).toStrictEqual({
        articleChanged: {
          __typename: 'ArticleChange',
          change: 'PUBLISHED',
          articleId: created[index],
          article: { __typename: 'Article', headline: `Apollo: ferry ${index}` },
        },
      });

      const editor = await lede.apiKey('EDITOR');
      const { data } = await client.mutate({
        mutation: gql(
          'mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { __typename ... on Error { message } } }',
        ),
        variables: { input: { article: created[0], version: 99, headline: 'Stale' } },
        context: { headers: { authorization: `Bearer ${editor}` } },
      });
      const result = (data as { updateArticle: { __typename: string; message?: string } }).updateArticle;
      expect(result.__typename).toBe('ConflictError');
      expect(result.message ?? '', 'possibleTypes lets Apollo match `... on Error`').toMatch(/version/);
    } finally {
      subscription.unsubscribe();
      client.stop();
    }
  });

  it('answers an invalid subscription with a JSON error a client can read, not an empty 406', async () => {
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { accept: APOLLO_ACCEPT, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { articleChanged { noSuchField } }' }),
    });
    expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message ?? '').toMatch(/noSuchField/);
  });

  it('keeps server-sent events for clients that list them first', async () => {
    const abort = new AbortController();
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { accept: 'text/event-stream, multipart/mixed', 'content-type': 'application/json' },
      body: JSON.stringify({ query: ARTICLE_CHANGED }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/);
    abort.abort();
  });

  it('keeps a subscription open past the request timeout', async () => {
    const short = await startTestGateway({ loadSampleContent: false, operations: { requestTimeoutMs: 200 } });
    const stream = await subscribeMultipart(short);
    try {
      expect(await stream.part()).toStrictEqual({});
      await new Promise((resolve) => setTimeout(resolve, 400)); // twice the request timeout
      short.articleEvents.publish({
        articleId: 7,
        change: 'DELETED',
        wasPublic: true,
        isPublic: false,
        sectionIds: [],
      });
      const { payload } = await stream.next();
      expect(payload?.data).toStrictEqual({
        articleChanged: { change: 'DELETED', articleId: Buffer.from('Article:7').toString('base64'), article: null },
      });
    } finally {
      stream.close();
      await short.close();
    }
  });

  it('ends the body with the closing boundary when the server stops the stream', async () => {
    const stream = await subscribeMultipart(lede);
    expect(await stream.part()).toStrictEqual({});
    await lede.articleEvents.close();
    expect(await stream.rest()).toMatch(/^(\r\ncontent-type: application\/json\r\n\r\n\{\}\r\n--graphql)*--\r\n$/);
  });
});
