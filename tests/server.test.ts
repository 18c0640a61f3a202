import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  expect(response.status).toBe(200);
  return (await response.json()) as { data: { articles: { totalCount: number } } };
}

describe(`the server process (${databaseKind})`, () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-data-'));
    database = await createTestDatabase();
    env = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir };
    if (!database.databaseUrl) delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, serves GraphiQL without the internet and answers queries over POST and GET', async () => {
    const server = await startServerProcess(env);
    try {
      expect(server.output()).toMatch(/Loaded \d+ sample articles/);
      expect(server.url).toMatch(/^http:\/\/localhost:\d+\/graphql$/);

      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/<title>Lede GraphiQL<\/title>/);
      expect(html, 'no script is loaded from another host').not.toMatch(/<script[^>]+src=["']?https?:/i);
      expect(html, 'no stylesheet is loaded from another host').not.toMatch(/<link[^>]+href=["']?https?:/i);
      expect(html, 'GraphiQL opens with the front-page example').toMatch(/query FrontPage/);

      const viaPost = await post(server.url, COUNT);
      expect(viaPost.data.articles.totalCount >= 12).toBeTruthy();
      const viaGet = await fetch(`${server.url}?query=${encodeURIComponent(COUNT)}`, {
        headers: { accept: 'application/json' },
      });
      expect(viaGet.status).toBe(200);
      expect(await viaGet.json()).toStrictEqual(viaPost);
    } finally {
      expect(await server.stop(), 'stops cleanly on SIGTERM').toBe(0);
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
      expect(server.output()).not.toMatch(/Loaded \d+ sample articles/);
      expect((await post(server.url, COUNT)).data.articles.totalCount).toBe(remaining);
    } finally {
      await server.stop();
    }
  });
});

describe('start-up failures', () => {
  it('reports an unreachable database in one line and exits non-zero', async () => {
    const result = await runFailingServer({ DATABASE_URL: 'postgres://lede:secret@127.0.0.1:9/lede' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.length, result.stderr).toBe(1);
    expect(lines[0] ?? '').toMatch(/^Lede could not start: cannot open the PostgreSQL database at DATABASE_URL/);
    expect(result.stderr, 'the password is not printed').not.toMatch(/secret/);
  });

  it('lists every invalid setting at once', async () => {
    const result = await runFailingServer({ PORT: 'eighty', LEDE_SAMPLE_CONTENT: 'maybe', DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/LEDE_SAMPLE_CONTENT/);
    expect(result.stderr).toMatch(/DATABASE_URL: must start with postgres/);
    expect(result.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  });
});
