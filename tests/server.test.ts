import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../src/db/client.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { runFailingServer, startServerProcess } from './support/server-process.ts';

const COUNT = '{ articles { totalCount } }';

async function post(url: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { data: { articles: { totalCount: number } } };
}

describe(`the server process (${databaseKind})`, () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-data-'));
    database = await createTestDatabase();
    env = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir };
    if (!database.databaseUrl) delete process.env.DATABASE_URL;
  });
  after(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, serves GraphiQL without the internet and answers queries over POST and GET', async () => {
    const server = await startServerProcess(env);
    try {
      assert.match(server.output(), /Loaded \d+ sample articles/);
      assert.match(server.url, /^http:\/\/localhost:\d+\/graphql$/);

      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<title>Lede GraphiQL<\/title>/);
      assert.doesNotMatch(html, /<script[^>]+src=["']?https?:/i, 'no script is loaded from another host');
      assert.doesNotMatch(html, /<link[^>]+href=["']?https?:/i, 'no stylesheet is loaded from another host');
      assert.match(html, /query FrontPage/, 'GraphiQL opens with the front-page example');

      const viaPost = await post(server.url, COUNT);
      assert.ok(viaPost.data.articles.totalCount >= 12);
      const viaGet = await fetch(`${server.url}?query=${encodeURIComponent(COUNT)}`, {
        headers: { accept: 'application/json' },
      });
      assert.equal(viaGet.status, 200);
      assert.deepEqual(await viaGet.json(), viaPost);
    } finally {
      assert.equal(await server.stop(), 0, 'stops cleanly on SIGTERM');
    }
  });

  it('keeps content across restarts and does not load the sample again', async () => {
    const target = database.databaseUrl ? { databaseUrl: database.databaseUrl, dataDir } : { dataDir };
    const db = await openDatabase(target);
    const removed = await db.prisma.article.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await db.prisma.article.delete({ where: { id: removed.id } });
    const remaining = await db.prisma.article.count({
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date() } },
    });
    await db.close();

    const server = await startServerProcess(env);
    try {
      assert.doesNotMatch(server.output(), /Loaded \d+ sample articles/);
      assert.equal((await post(server.url, COUNT)).data.articles.totalCount, remaining);
    } finally {
      await server.stop();
    }
  });
});

describe('start-up failures', () => {
  it('reports an unreachable database in one line and exits non-zero', async () => {
    const result = await runFailingServer({ DATABASE_URL: 'postgres://lede:secret@127.0.0.1:9/lede' });
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0] ?? '', /^Lede could not start: cannot open the PostgreSQL database at DATABASE_URL/);
    assert.doesNotMatch(result.stderr, /secret/, 'the password is not printed');
  });

  it('lists every invalid setting at once', async () => {
    const result = await runFailingServer({ PORT: 'eighty', LEDE_SAMPLE_CONTENT: 'maybe', DATABASE_URL: 'mysql://x' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /PORT/);
    assert.match(result.stderr, /LEDE_SAMPLE_CONTENT/);
    assert.match(result.stderr, /DATABASE_URL: must start with postgres/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });
});
