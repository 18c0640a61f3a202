import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { MIN_COMPRESSED_BYTES, preferredEncoding } from '../src/plugins/use-compression.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const FRONT_PAGE = readFileSync('bench/operations/front.graphql', 'utf8');

type Sent = { status: number; headers: IncomingMessage['headers']; raw: Buffer; body: string };

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return zlib.brotliDecompressSync(raw);
  if (encoding === 'gzip') return zlib.gunzipSync(raw);
  assert.equal(encoding, undefined, `unexpected content-encoding ${encoding}`);
  return raw;
}

describe(`Response compression over HTTP (${databaseKind})`, () => {
  let lede: TestGateway;
  let server: Server;
  let port: number;

  before(async () => {
    lede = await startTestGateway({ responseCache: { ttlMs: 60_000, maxEntries: 100 } });
    server = createServer(lede.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(async () => {
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
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers.vary ?? '', /Accept-Encoding/i);
    assert.ok(JSON.parse(plain.body).data.articles.edges.length > 10);
    for (const encoding of ['br', 'gzip']) {
      const compressed = await postQuery(FRONT_PAGE, { 'accept-encoding': encoding });
      assert.equal(compressed.status, 200);
      assert.equal(compressed.headers['content-encoding'], encoding);
      assert.match(compressed.headers.vary ?? '', /Accept-Encoding/i);
      assert.equal(compressed.headers['content-length'], undefined);
      assert.deepEqual(JSON.parse(compressed.body), JSON.parse(plain.body));
      assert.ok(compressed.raw.length < plain.raw.length / 3, `${encoding}: ${compressed.raw.length} bytes`);
    }
  });

  it("follows the client's preference and q-values", async () => {
    assert.equal(
      (await postQuery(FRONT_PAGE, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding'],
      'br',
    );
    assert.equal(
      (await postQuery(FRONT_PAGE, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'],
      'gzip',
    );
    assert.equal(
      (await postQuery(FRONT_PAGE, { 'accept-encoding': 'identity' })).headers['content-encoding'],
      undefined,
    );
    assert.equal(preferredEncoding('gzip;q=0.8, br;q=0.5'), 'gzip');
    assert.equal(preferredEncoding('*'), 'br');
    assert.equal(preferredEncoding('*;q=0, gzip;q=0'), undefined);
    assert.equal(preferredEncoding('deflate'), undefined);
    assert.equal(preferredEncoding(null), undefined);
  });

  it('leaves small bodies uncompressed', async () => {
    const small = await postQuery('{ __typename }', { 'accept-encoding': 'br, gzip' });
    assert.ok(small.raw.length < MIN_COMPRESSED_BYTES);
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(small.body).data, { __typename: 'Query' });
  });

  it('keeps ETag, Cache-Control and 304 for cached GET queries', async () => {
    const path = `/graphql?query=${encodeURIComponent(FRONT_PAGE)}`;
    const headers = { accept: 'application/graphql-response+json', 'accept-encoding': 'gzip' };
    await send(path, { headers });
    const cached = await send(path, { headers });
    assert.equal(cached.headers['content-encoding'], 'gzip');
    assert.match(cached.headers['cache-control'] ?? '', /^public, max-age=60$/);
    const etag = cached.headers.etag;
    assert.ok(etag, 'the response cache sets an ETag');
    const notModified = await send(path, { headers: { ...headers, 'if-none-match': etag } });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.raw.length, 0);
    assert.equal(notModified.headers['content-encoding'], undefined);
  });

  it('compresses GraphiQL for browsers', async () => {
    const page = await send('/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-encoding'], 'br');
    assert.match(page.body, /GraphiQL/);
  });

  it('sends @defer parts compressed, decoding to the same parts', async () => {
    const query =
      '{ articles(first: 5) { edges { node { headline ... @defer { related(first: 5) { headline } } } } } }';
    const headers = { accept: 'multipart/mixed' };
    const plain = await postQuery(query, headers);
    const compressed = await postQuery(query, { ...headers, 'accept-encoding': 'br' });
    assert.equal(compressed.headers['content-encoding'], 'br');
    assert.match(compressed.headers['content-type'] ?? '', /^multipart\/mixed/);
    assert.equal(compressed.body, plain.body);
    assert.match(plain.body, /"incremental"/);
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
      assert.match(response.headers['content-type'] ?? '', /^text\/event-stream/);
      assert.ok(['none', undefined].includes(response.headers['content-encoding']));
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
      assert.equal(response.complete, false);
    } finally {
      response.destroy();
    }
  });
});
