import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartupError, startGateway } from '../src/app.ts';
import { ConfigError, configWith, parseConfig } from '../src/config.ts';
import { loadSampleContent } from '../src/content/sample-content.ts';
import { openDatabase } from '../src/db/client.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { rejectionOf, thrownBy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const SLUG = 'council-passes-2027-budget-after-late-night-session';
const ON_REPLICA = 'Only On The Replica';
// Read replicas are PostgreSQL servers; the embedded PGlite database has none.
const onPGlite = !process.env.DATABASE_URL;

describe('DATABASE_REPLICA_URLS settings', () => {
  const primary = 'postgres://lede@db.internal:5432/lede';

  it('reads a comma-separated list of PostgreSQL URLs', () => {
    const config = parseConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: ' postgres://lede@replica-1/lede, postgresql://lede@replica-2:5433/lede ,',
    });
    expect(config.databaseReplicaUrls).toStrictEqual([
      'postgres://lede@replica-1/lede',
      'postgresql://lede@replica-2:5433/lede',
    ]);
    expect(parseConfig({ DATABASE_URL: primary }).databaseReplicaUrls).toStrictEqual([]);
  });

  it('names each replica URL that is not a PostgreSQL URL', () => {
    const error = thrownBy(() =>
      parseConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgres://ok/lede,mysql://x/lede,replica-3' }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DATABASE_REPLICA_URLS: replica 2 must be a URL such as postgres:/);
    expect(error.message).toMatch(/DATABASE_REPLICA_URLS: replica 3 must be/);
    expect(error.message).not.toMatch(/replica 1 /);
  });

  it('needs DATABASE_URL', () => {
    expect(() => parseConfig({ DATABASE_REPLICA_URLS: 'postgres://lede@replica-1/lede' })).toThrow(
      /DATABASE_REPLICA_URLS: needs DATABASE_URL/,
    );
  });
});

describe.skipIf(onPGlite)(`Read replicas (${databaseKind})`, () => {
  let lede: TestGateway;
  let replica: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaUrl: string;
  let headline: string;

  /** The headline stored in a database, read with plain SQL. */
  const storedHeadline = async (databaseUrl: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT headline FROM "Article" WHERE slug = $1', [SLUG]);
      return rows[0]?.headline as string;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    // The "replica": a second database with the same schema and content, except one headline, so
    // every answer shows which database it came from.
    replica = await createTestDatabase();
    replicaUrl = replica.databaseUrl as string;
    const copy = await openDatabase({ databaseUrl: replicaUrl, dataDir: 'memory://' });
    await loadSampleContent(copy.prisma);
    await copy.prisma.article.update({ where: { slug: SLUG }, data: { headline: ON_REPLICA } });
    await copy.close();
    lede = await startTestGateway({ databaseReplicaUrls: [replicaUrl] });
    headline = await storedHeadline(lede.databaseTarget.databaseUrl as string);
    expect(headline).not.toBe(ON_REPLICA);
  });
  afterAll(async () => {
    await lede?.close();
    await replica?.drop();
  });

  const articleQuery = `query { article(slug: "${SLUG}") { id version headline } }`;

  it('answers anonymous queries from the replica', async () => {
    const { article } = await lede.data(articleQuery);
    expect(article.headline).toBe(ON_REPLICA);
    // Search runs raw SQL: it reads the replica too.
    const listed = await lede.data('{ articles(first: 50) { edges { node { headline } } } }');
    expect(
      listed.articles.edges.some((edge: { node: { headline: string } }) => edge.node.headline === ON_REPLICA),
    ).toBeTruthy();
  });

  it('answers requests with an API key from the primary', async () => {
    const { article } = await lede.data(articleQuery, {}, { apiKey: await lede.apiKey('READER') });
    expect(article.headline).toBe(headline);
  });

  it('writes to the primary, and a mutation reads its own write', async () => {
    const apiKey = await lede.apiKey('EDITOR');
    const { article } = await lede.data(articleQuery, {}, { apiKey });
    const result = await lede.data(
      `mutation Retitle($id: ID!, $version: Int!) {
        updateArticle(input: { article: $id, version: $version, headline: "Written To The Primary" }) {
          ... on UpdateArticleSuccess { article { version headline } }
        }
      }`,
      { id: article.id, version: article.version },
      { apiKey },
    );
    expect(result.updateArticle.article).toStrictEqual({
      version: article.version + 1,
      headline: 'Written To The Primary',
    });
    expect(await storedHeadline(lede.databaseTarget.databaseUrl as string)).toBe('Written To The Primary');
    expect(await storedHeadline(replicaUrl)).toBe(ON_REPLICA);
    // Anonymous readers see the write once the replica has it; this replica never gets it.
    expect((await lede.data(articleQuery)).article.headline).toBe(ON_REPLICA);
  });

  it('refuses to start with a replica it cannot read, or one that is not a copy', async () => {
    const empty = await createTestDatabase();
    try {
      for (const [url, message] of [
        [
          'postgres://lede:secret@127.0.0.1:9/lede',
          /^cannot read Lede's tables from read replica 1 \(127\.0\.0\.1:9\/lede\)/,
        ],
        [empty.databaseUrl as string, /^cannot read Lede's tables from read replica 1 .*_prisma_migrations/],
      ] as const) {
        const error = await rejectionOf(
          startGateway(
            configWith({
              databaseUrl: lede.databaseTarget.databaseUrl,
              databaseReplicaUrls: [url],
              loadSampleContent: false,
            }),
          ),
        );
        expect(error).toBeInstanceOf(StartupError);
        expect(error.message).toMatch(message);
      }
    } finally {
      await empty.drop();
    }
  });
});
