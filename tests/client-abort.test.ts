import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonedFetch } from './support/abandoned-fetch.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// Clients that give up mid-request (docs/operations.md "Load and faults"). On PostgreSQL another session locks
// the Article table, so every request is stuck inside its transaction (or its query) when the
// client goes; on PGlite, with a single session and no locks to hold, clients go at varied moments.
const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { __typename ... on CreateArticleSuccess { article { id } } }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) { __typename ... on UpdateArticleSuccess { article { version } } }
}`;
const READ = '{ articles(first: 20) { totalCount edges { node { headline bylines { person { name } } } } } }';

describe(`client aborts (${databaseKind})`, () => {
  let lede: TestGateway;
  let server: Server;
  let url: string;
  let editor: string;
  let section: string;
  let person: string;
  let databaseUrl: string | undefined;

  beforeAll(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
    const prisma = lede.database.prisma;
    section = Buffer.from(`Section:${(await prisma.section.findFirstOrThrow()).id}`).toString('base64');
    person = Buffer.from(`Person:${(await prisma.person.findFirstOrThrow()).id}`).toString('base64');
    server = createServer(lede.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    if (process.env.DATABASE_URL) {
      const [row] = await prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
      const target = new URL(process.env.DATABASE_URL);
      target.pathname = `/${row?.name}`;
      databaseUrl = target.toString();
    }
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await lede?.close();
  });

  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${editor}` });

  /** Aborts a fetch after `afterMs`; settles then at the latest, however far the response got. */
  const abortedFetch = (payload: string, afterMs: number) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), afterMs);
    return abandonedFetch(url, { method: 'POST', headers: headers(), body: payload, signal: controller.signal });
  };
  /** Sends the request on a socket that is destroyed after `afterMs`. */
  const destroyedSocket = (payload: string, afterMs: number) =>
    new Promise<void>((resolve) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: { ...headers(), 'content-length': Buffer.byteLength(payload) },
        agent: false,
      });
      request.on('error', () => resolve());
      request.on('response', (response) => {
        response.resume();
        response.on('end', resolve);
        response.on('error', () => resolve());
      });
      request.on('close', () => resolve());
      request.end(payload);
      setTimeout(() => request.destroy(), afterMs);
    });

  it('leaves no transaction open, the pool usable, and every write whole or absent', async () => {
    const { id: articleId, version } = await lede.database.prisma.article.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const articleGlobalId = Buffer.from(`Article:${articleId}`).toString('base64');
    let locker: pg.Client | undefined;
    if (databaseUrl) {
      locker = new pg.Client({ connectionString: databaseUrl });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
    }
    const headlines = Array.from({ length: 12 }, (_, index) => `Abandoned story ${index}`);
    const requests = headlines.flatMap((headline, index) => {
      const create = body(CREATE, {
        input: {
          headline,
          paragraphs: ['Text.'],
          section,
          bylines: [{ person }],
          mentionedPeople: [{ entity: person }],
        },
      });
      const update = body(UPDATE, { input: { article: articleGlobalId, version, headline: `${headline} (edit)` } });
      const read = body(READ, {});
      const abort = index % 2 ? abortedFetch : destroyedSocket;
      // With the table locked every request waits inside the database; without, moments vary.
      const at = locker ? 300 : (index * 41) % 500;
      return [abort(create, at), abort(update, at + 3), abort(read, at + 5)];
    });
    await Promise.all(requests);
    // The clients are gone; now the database lets the requests run on.
    await locker?.query('COMMIT');
    await locker?.end();

    // Let every abandoned request end however it ends (commit, rollback, or Prisma's own timeout).
    const settle = Date.now() + 15_000;
    let open: { state: string; query: string }[] = [];
    if (databaseUrl) {
      const observer = new pg.Client({ connectionString: databaseUrl });
      await observer.connect();
      do {
        await new Promise((resolve) => setTimeout(resolve, 250));
        open = (
          await observer.query<{ state: string; query: string }>(
            `SELECT state, query FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()
               AND (state LIKE 'idle in transaction%' OR state = 'active')`,
          )
        ).rows;
      } while (open.length > 0 && Date.now() < settle);
      await observer.end();
      expect(open, 'no Lede session is left in a transaction or running').toStrictEqual([]);
    }

    const fresh = await lede.data(
      CREATE,
      { input: { headline: 'After the aborts', paragraphs: ['Text.'], section } },
      { apiKey: editor },
    );
    expect(fresh.createArticle.__typename, 'the pool still works for writes').toBe('CreateArticleSuccess');
    const read = await lede.data(READ);
    expect(read.articles.totalCount > 0, 'and for reads').toBeTruthy();

    const prisma = lede.database.prisma;
    let saved = 0;
    for (const headline of headlines) {
      const article = await prisma.article.findFirst({
        where: { headline },
        include: { bylines: true, personMentions: true, revisions: true },
      });
      if (!article) continue;
      saved += 1;
      expect(article.bylines.length, `${headline}: saved whole (byline)`).toBe(1);
      expect(article.personMentions.length, `${headline}: saved whole (mention)`).toBe(1);
      expect(article.revisions.length, `${headline}: saved whole (revision)`).toBe(1);
    }
    const edited = await prisma.article.findUniqueOrThrow({ where: { id: articleId }, include: { revisions: true } });
    expect(edited.version <= version + 1, 'one update at most got in at that version').toBeTruthy();
    expect(edited.revisions.length, 'every saved version has its revision').toBe(edited.version);
    console.log(
      `aborts: ${saved} of ${headlines.length} abandoned creates saved whole, the rest not at all; ` +
        `unexpected errors: ${lede.unexpectedErrors.map(String).join(' | ') || 'none'}`,
    );
    expect(lede.unexpectedErrors.filter((error) => !/abort|cancel/i.test(String(error)))).toStrictEqual([]);
  });
});
