import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { startServerProcess } from './support/server-process.ts';

type Nodes = { totalCount?: number; nodes: { id: string }[] };
type MostReadData = { articles: Nodes; mostRead: Nodes };

const graphql = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: MostReadData; errors?: unknown[] };
  expect(body.errors).toBe(undefined);
  return body.data as MostReadData;
};

describe(`most read across a restart (${databaseKind})`, () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-most-read-'));
    database = await createTestDatabase();
    env = {
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir }),
      // No timed flush during the test: only the one at shutdown can save the counts.
      LEDE_MOST_READ_FLUSH_MS: '3600000',
      LEDE_LOG_FORMAT: 'json',
    };
    if (!database.databaseUrl) delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves the counts on SIGTERM, and lists them after the next start', async () => {
    const first = await startServerProcess(env);
    let articleIds: string[];
    try {
      const front = await graphql(first.url, '{ articles(first: 3) { nodes { id slug } } }');
      articleIds = front.articles.nodes.map((node) => node.id);
      expect(articleIds.length).toBe(3);
      const views = new URL('/views', first.url).toString();
      // Three readers of the first article, two of the second, one of the third.
      for (const [index, id] of articleIds.entries()) {
        for (let reader = 0; reader < 3 - index; reader++) {
          const response = await fetch(views, {
            method: 'POST',
            headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': `reader ${reader}` },
            body: JSON.stringify({ articleId: id }),
          });
          expect(response.status).toBe(204);
        }
      }
      const before = await graphql(first.url, '{ mostRead(window: HOUR) { nodes { id } } }');
      expect(before.mostRead.nodes, 'nothing saved yet').toStrictEqual([]);
    } finally {
      expect(await first.stop(), 'a clean exit').toBe(0);
    }

    const second = await startServerProcess(env);
    try {
      const after = await graphql(second.url, '{ mostRead(window: HOUR) { totalCount nodes { id } } }');
      expect(after.mostRead.nodes.map((node) => node.id)).toStrictEqual(articleIds);
      expect(after.mostRead.totalCount).toBe(3);
    } finally {
      await second.stop();
    }
    // Two server starts, the first loading the sample content: minutes on a busy machine.
  }, 300_000);
});
