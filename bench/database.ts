// Fresh benchmark databases: created, migrated with Lede's own migrations, then filled with the
// deterministic dataset. PostgreSQL for every peer; a PGlite folder for Lede on the embedded database.
import { availableParallelism } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PGliteAdapterFactory, pgliteExtensions } from '../src/db/adapter.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { articlesSql, beforeArticlesSql, DATASETS, type DatasetSize, finishSql, linksSql } from './dataset.ts';

export type LoadTimes = { migrateSeconds: number; loadSeconds: number };

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and recreates `name` on the server, migrates it and loads the dataset; returns its URL and timings. */
export async function freshPostgresDatabase(
  serverUrl: string,
  name: string,
  size: DatasetSize,
): Promise<{ url: string } & LoadTimes> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = databaseUrl(serverUrl, name);
  let started = performance.now();
  await applyMigrations(new PrismaPg({ connectionString: url }));
  const migrateSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await loadPostgres(url, size);
  const loadSeconds = (performance.now() - started) / 1000;
  return { url, migrateSeconds, loadSeconds };
}

/** What the loader needs from a database connection: `pg` for PostgreSQL, the one PGlite instance for PGlite. */
type Connection = {
  exec: (statement: string) => Promise<unknown>;
  rows: <Row>(statement: string) => Promise<Row[]>;
};

/** The tables the dataset fills, largest first (their indexes are rebuilt in this order). */
const DATASET_TABLES = [
  'Article',
  'OrganizationMention',
  'Byline',
  'PersonMention',
  'ArticleSection',
  'Organization',
  'Person',
  'Section',
];

/** INSERTs the articles are split into, so every connection stays busy until the end. */
const ARTICLE_STATEMENTS = 20;

/**
 * PostgreSQL connections that load at once. Most of the work is PostgreSQL computing each body's
 * generated `searchVector` (the text search parser over ~4 KB) inside the INSERTs; one connection
 * per core, plus one so the load keeps its share of a machine that other jobs are also using.
 */
const POSTGRES_CONNECTIONS = Math.max(2, availableParallelism()) + 1;

/**
 * Per-session settings for the load: commits need not wait for the WAL flush (a failed load is
 * simply reloaded), index builds sort in memory, and the search index's pending list (see below)
 * holds many articles before it is merged into the index.
 */
const SESSION_SETTINGS = [
  'SET synchronous_commit = off',
  "SET maintenance_work_mem = '256MB'",
  "SET work_mem = '64MB'",
  "SET gin_pending_list_limit = '64MB'",
];

/**
 * Loads the dataset the way `pg_restore` does: the foreign keys and secondary indexes of the
 * dataset's tables are dropped, the rows go in over every connection at once, then the indexes are
 * rebuilt (also in parallel) and the foreign keys added back, which checks every row in one join
 * per key. The schema ends exactly as the migrations left it.
 *
 * Two exceptions, both for the articles' search vectors. Over several connections their GIN index
 * stays: built in bulk it would be one long statement on one connection after all the articles,
 * while kept it is filled as they load (through its pending list, emptied at the end), on every
 * connection (with one connection, as on PGlite, the bulk build is cheaper). And PostgreSQL
 * would try to compress each vector before storing it out of line and give up, because a vector's
 * positions do not compress; the column stores them without trying during the load (the same
 * bytes on disk) and gets its storage back afterwards.
 */
async function loadDataset(connections: Connection[], size: DatasetSize) {
  const [main] = connections as [Connection];
  const timed = async (connection: Connection, statement: string) => {
    const at = performance.now();
    await connection.exec(statement);
    if (process.env.BENCH_DEBUG)
      console.log(
        `${((performance.now() - at) / 1000).toFixed(2).padStart(7)} s  #${connections.indexOf(connection)}  ${statement.replace(/\s+/g, ' ').slice(0, 80)}`,
      );
  };
  const inParallel = async (statements: string[]) => {
    const queue = [...statements];
    await Promise.all(
      connections.map(async (connection) => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) await timed(connection, next);
      }),
    );
  };
  const sequentially = async (statements: string[]) => {
    for (const statement of statements) await timed(main, statement);
  };
  for (const connection of connections) for (const setting of SESSION_SETTINGS) await connection.exec(setting);
  const tables = `ARRAY[${DATASET_TABLES.map((table) => `'"${table}"'`).join(', ')}]::regclass[]`;
  const foreignKeys = await main.rows<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS "table", quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(${tables}) ORDER BY conrelid, conname`,
  );
  const indexes = await main.rows<{ name: string; definition: string; kept: boolean }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition,
       ${connections.length > 1} AND am.amname = 'gin' AND i.indrelid = '"Article"'::regclass AS kept
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
     WHERE i.indrelid = ANY(${tables}) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY array_position(${tables}, i.indrelid::regclass), c.relname`,
  );
  const vectors = await main.rows<{ column: string; storage: string }>(
    `SELECT quote_ident(attname) AS "column", CASE attstorage WHEN 'x' THEN 'EXTENDED' WHEN 'm' THEN 'MAIN'
       WHEN 'e' THEN 'EXTERNAL' ELSE 'PLAIN' END AS storage
     FROM pg_attribute WHERE attrelid = '"Article"'::regclass AND atttypid = 'tsvector'::regtype AND attnum > 0`,
  );
  await sequentially([
    ...foreignKeys.map(({ table, name }) => `ALTER TABLE ${table} DROP CONSTRAINT ${name}`),
    ...indexes.filter(({ kept }) => !kept).map(({ name }) => `DROP INDEX ${name}`),
    ...vectors.map(({ column }) => `ALTER TABLE "Article" ALTER COLUMN ${column} SET STORAGE EXTERNAL`),
    ...beforeArticlesSql(size),
  ]);
  const { articles } = DATASETS[size];
  const articleStatements = [];
  const perStatement = Math.ceil(articles / ARTICLE_STATEMENTS);
  for (let from = 1; from <= articles; from += perStatement)
    articleStatements.push(articlesSql(size, from, Math.min(articles, from + perStatement - 1)));
  await inParallel([...linksSql(size), ...articleStatements]);
  await inParallel([
    ...indexes.filter(({ kept }) => kept).map(({ name }) => `SELECT gin_clean_pending_list('${name}'::regclass)`),
    ...indexes.filter(({ kept }) => !kept).map(({ definition }) => definition),
  ]);
  await sequentially([
    ...vectors.map(({ column, storage }) => `ALTER TABLE "Article" ALTER COLUMN ${column} SET STORAGE ${storage}`),
    ...foreignKeys.map(({ table, name, definition }) => `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}`),
    ...finishSql(size),
  ]);
}

async function loadPostgres(url: string, size: DatasetSize) {
  const clients = Array.from({ length: POSTGRES_CONNECTIONS }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    await loadDataset(
      clients.map((client) => ({
        exec: (statement) => client.query(statement),
        rows: async <Row>(statement: string) => (await client.query(statement)).rows as Row[],
      })),
      size,
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** The same for an embedded PGlite folder (which must not exist yet). */
export async function freshPgliteFolder(folder: string, size: DatasetSize): Promise<LoadTimes> {
  const pglite = await PGlite.create(folder, { extensions: pgliteExtensions });
  let started = performance.now();
  await applyMigrations(new PGliteAdapterFactory(pglite));
  const migrateSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  await loadDataset(
    [
      {
        exec: (statement) => pglite.exec(statement),
        rows: async <Row>(statement: string) => (await pglite.query<Row>(statement)).rows,
      },
    ],
    size,
  );
  const loadSeconds = (performance.now() - started) / 1000;
  await pglite.close();
  return { migrateSeconds, loadSeconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = (process.argv[2] ?? 'S') as DatasetSize;
  const server = process.argv[3] ?? 'postgres://postgres@127.0.0.1:54330/postgres';
  console.log(await freshPostgresDatabase(server, `lede_bench_${size.toLowerCase()}`, size));
}
