// Fresh benchmark databases: created, migrated with Lede's own migrations, then filled with the
// deterministic dataset. PostgreSQL for every peer; a PGlite folder for Lede on the embedded database.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PGliteAdapterFactory, pgliteExtensions } from '../src/db/adapter.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { afterArticlesSql, articlesSql, beforeArticlesSql, DATASETS, type DatasetSize, datasetSql } from './dataset.ts';

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

/**
 * Bodies and their generated tsvectors are most of the work: the article's secondary indexes are
 * dropped while it loads over `ARTICLE_LOADERS` connections at once, then rebuilt in bulk.
 */
const ARTICLE_LOADERS = 2;

async function loadPostgres(url: string, size: DatasetSize) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const run = async (connection: pg.Client, statement: string) => {
    const at = performance.now();
    await connection.query(statement);
    if (process.env.BENCH_DEBUG) console.log(((performance.now() - at) / 1000).toFixed(2), statement.slice(0, 60));
  };
  for (const statement of beforeArticlesSql(size)) await run(client, statement);
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i WHERE i.indrelid = '"Article"'::regclass AND NOT i.indisprimary`,
  );
  for (const index of indexes) await run(client, `DROP INDEX ${index.name}`);
  const total = DATASETS[size].articles;
  const share = Math.ceil(total / ARTICLE_LOADERS);
  await Promise.all(
    Array.from({ length: ARTICLE_LOADERS }, async (_, n) => {
      const loader = new pg.Client({ connectionString: url });
      await loader.connect();
      await run(loader, articlesSql(size, n * share + 1, Math.min(total, (n + 1) * share)));
      await loader.end();
    }),
  );
  await Promise.all(
    [0, 1].map(async (n) => {
      const builder = new pg.Client({ connectionString: url });
      await builder.connect();
      for (const index of indexes.filter((_, i) => i % 2 === n)) await run(builder, index.definition);
      await builder.end();
    }),
  );
  for (const statement of afterArticlesSql(size)) await run(client, statement);
  await client.end();
}

/** The same for an embedded PGlite folder (which must not exist yet). */
export async function freshPgliteFolder(folder: string, size: DatasetSize): Promise<LoadTimes> {
  const pglite = await PGlite.create(folder, { extensions: pgliteExtensions });
  let started = performance.now();
  await applyMigrations(new PGliteAdapterFactory(pglite));
  const migrateSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const statement of datasetSql(size)) await pglite.exec(statement);
  const loadSeconds = (performance.now() - started) / 1000;
  await pglite.close();
  return { migrateSeconds, loadSeconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = (process.argv[2] ?? 'S') as DatasetSize;
  const server = process.argv[3] ?? 'postgres://postgres@127.0.0.1:54330/postgres';
  console.log(await freshPostgresDatabase(server, `lede_bench_${size.toLowerCase()}`, size));
}
