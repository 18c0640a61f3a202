import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { type DatabaseDriver, openDatabaseDriver, PGliteAdapterFactory, pgliteExtensions } from '../src/db/adapter.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { migrationsDir, openSchemaEngine, readMigrations, schemaPath } from '../src/db/schema-engine.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';

const noFilters = { externalTables: [], externalEnums: [] };
const schemaFiles = async () => [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];

describe(`migrations (${databaseKind})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let driver: DatabaseDriver;

  before(async () => {
    database = await createTestDatabase();
    driver = await openDatabaseDriver(database);
  });
  after(async () => {
    await driver.close();
    await database.drop();
  });

  it('applies every migration once, recording them as `prisma migrate deploy` does', async () => {
    const migrations = await readMigrations();
    const names = migrations.migrationDirectories.map((directory) => directory.path);
    assert.ok(names.length > 0);
    assert.deepEqual(await applyMigrations(driver.adapter), names);
    assert.deepEqual(await applyMigrations(driver.adapter), [], 'a second run applies nothing');

    const connection = await driver.adapter.connect();
    const recorded = await connection.queryRaw({
      sql: 'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
      args: [],
      argTypes: [],
    });
    await connection.dispose();
    assert.equal(recorded.rows.length, names.length);
    for (const [index, name] of names.entries()) {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'));
      const [recordedName, checksum, finished, rolledBackAt] = recorded.rows[index] ?? [];
      assert.equal(recordedName, name);
      assert.equal(checksum, createHash('sha256').update(sql).digest('hex'), 'checksum as Prisma computes it');
      assert.equal(finished, true);
      assert.equal(rolledBackAt, null);
    }
  });

  it('leaves the database with exactly the tables, columns, indexes and constraints schema.prisma describes', async () => {
    // Prisma's engine can introspect a live database only through the PGlite adapter (over the pg
    // adapter it cannot read the catalog's "char" columns). So: migrate a PGlite reference, prove
    // the engine finds no difference between it and schema.prisma, then prove the database under
    // test has the same catalog as that reference.
    const reference = await openDatabaseDriver({ dataDir: 'memory://' });
    try {
      await applyMigrations(reference.adapter);
      const engine = await openSchemaEngine(reference.adapter);
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files: await schemaFiles(), configDir: process.cwd() },
        to: { tag: 'schemaDatamodel', files: await schemaFiles() },
        script: true,
        exitCode: true,
        filters: noFilters,
      });
      engine.free();
      assert.equal(result.exitCode, 0, `the migrated database differs from schema.prisma:\n${result.stdout}`);
      assert.deepEqual(await catalog(driver), await catalog(reference));
    } finally {
      await reference.close();
    }
  });
});

/** Tables, columns, enums, indexes and constraints of the public schema, as comparable text. */
async function catalog(driver: DatabaseDriver): Promise<Record<string, string[]>> {
  const queries = {
    columns: `SELECT table_name || '.' || column_name || ' ' || udt_name || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '-')
              FROM information_schema.columns WHERE table_schema = 'public'`,
    enums: `SELECT t.typname || '=' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' GROUP BY t.typname`,
    indexes: "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'",
    constraints: `SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                  WHERE n.nspname = 'public' AND c.contype <> 'n'`, // PostgreSQL 17 (PGlite) lists NOT NULL here too
  };
  const connection = await driver.adapter.connect();
  try {
    const snapshot: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(queries)) {
      const result = await connection.queryRaw({ sql, args: [], argTypes: [] });
      snapshot[name] = result.rows.map((row) => String(row[0])).sort();
    }
    assert.ok((snapshot.columns?.length ?? 0) > 40, 'the catalog query sees the tables');
    return snapshot;
  } finally {
    await connection.dispose();
  }
}

describe('migrations folder', () => {
  it('is in step with schema.prisma (run `npm run migration:create -- <name>` after editing the schema)', async () => {
    const shadow = await PGlite.create({ extensions: pgliteExtensions });
    const engine = await openSchemaEngine(new PGliteAdapterFactory(shadow));
    const result = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrations()) },
      to: { tag: 'schemaDatamodel', files: await schemaFiles() },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    engine.free();
    await shadow.close();
    assert.equal(result.exitCode, 0, `schema.prisma has changes no migration holds:\n${result.stdout}`);
  });
});
