import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseDriver } from '../src/db/adapter.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { getPath, multipartUploadHead, testPhoto, upload } from './support/images.ts';

// Issue 21, item 7: the smaller holes, one test each.

describe(`/metrics in production (${databaseKind})`, () => {
  it('refuses /metrics without LEDE_METRICS_TOKEN, and serves it with the token when one is set', async () => {
    const open = await startTestGateway({ loadSampleContent: false, production: true });
    const guarded = await startTestGateway({
      loadSampleContent: false,
      production: true,
      operations: { metricsToken: 'a-long-metrics-token' },
    });
    try {
      const refused = await open.yoga.fetch('http://lede.test/metrics');
      expect(refused.status).toBe(403);
      expect(await refused.text()).toMatch(/LEDE_METRICS_TOKEN/);
      expect((await guarded.yoga.fetch('http://lede.test/metrics')).status).toBe(401);
      const served = await guarded.yoga.fetch('http://lede.test/metrics', {
        headers: { authorization: 'Bearer a-long-metrics-token' },
      });
      expect(served.status).toBe(200);
      expect(await served.text()).toMatch(/^nodejs_heap_size_used_bytes /m);
    } finally {
      await open.close();
      await guarded.close();
    }
  });
});

describe(`limits the issue found open (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false, production: true, media: { maxBytes: 2048 } });
  });

  it('counts `__typename` aliases against the alias limit', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `t${index}: __typename`).join(' ');
    const response = await lede.gatewayResponse(`{ ${aliases} }`);
    expect(response.status).toBe(400);
    const result = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(result.errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_MANY_ALIASES', limit: 30, found: 31 });
    const thirty = Array.from({ length: 30 }, (_, index) => `t${index}: __typename`).join(' ');
    expect((await lede.execute(`{ ${thirty} }`)).errors).toBe(undefined);
  });

  it('answers an oversized chunked (no Content-Length) multipart body with 413', async () => {
    const editor = await lede.apiKey('EDITOR');
    const boundary = 'lede-chunked';
    // 2 KiB image limit plus the multipart allowance (256 KiB): 1 MiB is well over it.
    const chunks = [multipartUploadHead(boundary), ...Array.from({ length: 16 }, () => new Uint8Array(65_536))];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'x-graphql-yoga-csrf': '1',
        authorization: `Bearer ${editor}`,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const result = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(result.errors[0]?.extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });
});

describe(`images only a draft shows (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });

  it('are 404 to anonymous clients until a published article shows them, and never cached as immutable before', async () => {
    const editor = await lede.apiKey('EDITOR');
    const reader = await lede.apiKey('READER');
    const uploaded = await upload(lede, await testPhoto(200, 100), { apiKey: editor, variables: { alt: 'Harbour' } });
    const imageId = Number(
      Buffer.from(uploaded.image?.id as string, 'base64')
        .toString()
        .split(':')[1],
    );
    const original = uploaded.image?.originalUrl as string;
    const rendition = uploaded.image?.url as string;
    const draft = await lede.database.prisma.article.create({
      data: {
        slug: 'draft-with-photo',
        headline: 'Draft with a photo',
        body: 'One paragraph.',
        status: 'DRAFT',
        section: { connect: { slug: 'local' } },
        leadImage: { connect: { id: imageId } },
      },
    });

    for (const url of [original, rendition]) {
      const anonymous = await getPath(lede, url);
      expect(anonymous.status, url).toBe(404);
      expect(anonymous.headers.get('cache-control') ?? '', url).not.toMatch(/immutable/);
      expect((await getPath(lede, url, { authorization: 'Bearer lede_not-a-key' })).status, url).toBe(404);
      const withKey = await getPath(lede, url, { authorization: `Bearer ${reader}` });
      expect(withKey.status, url).toBe(200);
      expect(withKey.headers.get('cache-control'), url).toBe('private, no-store');
    }

    await lede.database.prisma.article.update({
      where: { id: draft.id },
      data: { status: 'PUBLISHED', publishedAt: new Date(Date.now() - 60_000) },
    });
    for (const url of [original, rendition]) {
      const published = await getPath(lede, url);
      expect(published.status, url).toBe(200);
      expect(published.headers.get('cache-control'), url).toMatch(/immutable/);
    }
  });
});

describe('the PGlite data folder', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has no file or folder that group or others may write', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lede-pglite-mode-'));
    const driver = await openDatabaseDriver({ dataDir: dir });
    await driver.close();
    const entries = [dir, ...(await readdir(dir, { recursive: true })).map((name) => path.join(dir, name))];
    expect(entries.length).toBeGreaterThan(100);
    const shared = [];
    for (const entry of entries) if ((await stat(entry)).mode & 0o022) shared.push(entry);
    expect(shared).toStrictEqual([]);
  });
});

describe(`a slow body after its timeout (${databaseKind})`, () => {
  let lede: TestGateway;
  let server: Server;
  let port: number;
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await lede?.close();
  });
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false, operations: { requestTimeoutMs: 300 } });
    server = createServer(lede.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  it('gets its 503 and then its connection closed, instead of holding the socket', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {});
    // Promises 10 kB of JSON and sends 10 bytes of it…
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: lede.test\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"query":',
    );
    // …and keeps sending a space every 200 ms, as a slow client does.
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    await expect.poll(() => received, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 503/);
    expect(received).toMatch(/REQUEST_TIMEOUT/);
    // The bound is generous: before, the socket stayed open for 95 s.
    const outcome = await Promise.race([
      closed.then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000)),
    ]);
    clearInterval(trickle);
    socket.destroy();
    expect(outcome).toBe('closed');
  });
});

describe(`image files while the database fails (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
  });

  it('answers 503 without any internal text', async () => {
    const isPublic = lede.media.isPublic;
    lede.media.isPublic = async () => {
      throw new Error('connect ECONNREFUSED db.internal:5432');
    };
    try {
      const response = await getPath(lede, `/media/${'cd'.repeat(32)}/original`);
      expect(response.status).toBe(503);
      expect(await response.text()).not.toMatch(/ECONNREFUSED|db\.internal|at /);
    } finally {
      lede.media.isPublic = isPublic;
    }
  });
});
