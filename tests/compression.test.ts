import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_COMPRESSED_BYTES, preferredEncoding } from '../src/http/use-compression.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const FRONT_PAGE = readFileSync('bench/operations/front.graphql', 'utf8');

type Sent = { status: number; headers: IncomingMessage['headers']; raw: Buffer; body: string };

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return zlib.brotliDecompressSync(raw);
  if (encoding === 'gzip') return zlib.gunzipSync(raw);
  expect(encoding, `unexpected content-encoding ${encoding}`).toBe(undefined);
  return raw;
}

describe(`Response compression over HTTP (${databaseKind})`, () => {
  let lede: TestGateway;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    lede = await startTestGateway({ responseCache: { ttlMs: 60_000, maxEntries: 100 } });
    server = createServer(lede.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await lede?.close();
  });

  /** An HTTP request whose response body is read raw (Node's fetch would decompress it). */
  const send = (
    path: string,
    { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) =>
    new Promise<Sent>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'];
          const body = decode(raw, encoding === 'none' ? undefined : encoding).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, raw, body });
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  const postQuery = (query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) =>
    send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });

  it('sends the front page in brotli or gzip, decoding to the same result', async () => {
    const plain = await postQuery(FRONT_PAGE);
    expect(plain.headers['content-encoding']).toBe(undefined);
    expect(plain.headers.vary ?? '').toMatch(/Accept-Encoding/i);
    expect(JSON.parse(plain.body).data.articles.edges.length > 10).toBeTruthy();
    for (const encoding of ['br', 'gzip']) {
      const compressed = await postQuery(FRONT_PAGE, { 'accept-encoding': encoding });
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers.vary ?? '').toMatch(/Accept-Encoding/i);
      expect(compressed.headers['content-length']).toBe(undefined);
      expect(JSON.parse(compressed.body)).toStrictEqual(JSON.parse(plain.body));
      expect(compressed.raw.length < plain.raw.length / 3, `${encoding}: ${compressed.raw.length} bytes`).toBeTruthy();
    }
  });

  it("follows the client's preference and q-values", async () => {
    expect((await postQuery(FRONT_PAGE, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe(
      'br',
    );
    expect((await postQuery(FRONT_PAGE, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe(
      'gzip',
    );
    expect((await postQuery(FRONT_PAGE, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBe(
      undefined,
    );
    expect(preferredEncoding('gzip;q=0.8, br;q=0.5')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0, gzip;q=0')).toBe(undefined);
    expect(preferredEncoding('deflate')).toBe(undefined);
    expect(preferredEncoding(null)).toBe(undefined);
  });

  it('leaves small bodies uncompressed', async () => {
    const small = await postQuery('{ __typename }', { 'accept-encoding': 'br, gzip' });
    expect(small.raw.length < MIN_COMPRESSED_BYTES).toBeTruthy();
    expect(small.headers['content-encoding']).toBe(undefined);
    expect(JSON.parse(small.body).data).toStrictEqual({ __typename: 'Query' });
  });

  it('keeps ETag, Cache-Control and 304 for cached GET queries', async () => {
    const path = `/graphql?query=${encodeURIComponent(FRONT_PAGE)}`;
    const headers = { accept: 'application/graphql-response+json', 'accept-encoding': 'gzip' };
    await send(path, { headers });
    const cached = await send(path, { headers });
    expect(cached.headers['content-encoding']).toBe('gzip');
    expect(cached.headers['cache-control'] ?? '').toMatch(/^public, max-age=60$/);
    const etag = cached.headers.etag;
    expectTruthy(etag, 'the response cache sets an ETag');
    const notModified = await send(path, { headers: { ...headers, 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.raw.length).toBe(0);
    expect(notModified.headers['content-encoding']).toBe(undefined);
  });

  it('compresses GraphiQL for browsers', async () => {
    const page = await send('/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.body).toMatch(/GraphiQL/);
  });

  it('sends @defer parts compressed, decoding to the same parts', async () => {
    const query =
      '{ articles(first: 5) { edges { node { headline ... @defer { related(first: 5) { headline } } } } } }';
    const headers = { accept: 'multipart/mixed' };
    const plain = await postQuery(query, headers);
    const compressed = await postQuery(query, { ...headers, 'accept-encoding': 'br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['content-type'] ?? '').toMatch(/^multipart\/mixed/);
    expect(compressed.body).toBe(plain.body);
    expect(plain.body).toMatch(/"incremental"/);
  });

  it('streams subscription events uncompressed, each as it happens', async () => {
    const events: string[] = [];
    const subscribed = new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'accept-encoding': 'br, gzip' },
        },
        resolve,
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: 'subscription { articleChanged { change article { headline } } }' }));
    });
    const response = await subscribed;
    try {
      expect(response.headers['content-type'] ?? '').toMatch(/^text\/event-stream/);
      expect(['none', undefined].includes(response.headers['content-encoding'])).toBeTruthy();
      const heard = new Promise<void>((resolve) => {
        response.on('data', (chunk: Buffer) => {
          events.push(chunk.toString('utf8'));
          if (events.join('').includes('Heard while compressed')) resolve();
        });
      });
      const newsroom = await Newsroom.open(lede);
      const section = (await lede.data('{ section(slug: "world") { id } }')).section.id;
      await newsroom.article({ headline: 'Heard while compressed', section });
      // The event arrives while the stream is still open: nothing holds it back.
      await heard;
      expect(response.complete).toBe(false);
    } finally {
      response.destroy();
    }
  });
});
