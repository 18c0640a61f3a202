import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseDriver, openDatabaseDriver, PGliteAdapterFactory, pgliteExtensions } from '../src/db/adapter.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { migrationsDir, openSchemaEngine, readMigrations, schemaPath } from '../src/db/schema-engine.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';

const noFilters = { externalTables: [], externalEnums: [] };
const schemaFiles = async () => [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];

describe(`migrations (${databaseKind})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let driver: DatabaseDriver;

  beforeAll(async () => {
    database = await createTestDatabase();
    driver = await openDatabaseDriver(database);
  });
  afterAll(async () => {
    await driver.close();
    await database.drop();
  });

  it('applies every migration once, recording them as `prisma migrate deploy` does', async () => {
    const migrations = await readMigrations();
    const names = migrations.migrationDirectories.map((directory) => directory.path);
    expect(names.length > 0).toBeTruthy();
    expect(await applyMigrations(driver.adapter)).toStrictEqual(names);
    expect(await applyMigrations(driver.adapter), 'a second run applies nothing').toStrictEqual([]);

    const connection = await driver.adapter.connect();
    const recorded = await connection.queryRaw({
      sql: 'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
      args: [],
      argTypes: [],
    });
    await connection.dispose();
    expect(recorded.rows.length).toBe(names.length);
    for (const [index, name] of names.entries()) {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'));
      const [recordedName, checksum, finished, rolledBackAt] = recorded.rows[index] ?? [];
      expect(recordedName).toBe(name);
      expect(checksum, 'checksum as Prisma computes it').toBe(createHash('sha256').update(sql).digest('hex'));
      expect(finished).toBe(true);
      expect(rolledBackAt).toBe(null);
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
      expect(result.exitCode, `the migrated database differs from schema.prisma:\n${result.stdout}`).toBe(0);
      expect(await catalog(driver)).toStrictEqual(await catalog(reference));
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
    expect((snapshot.columns?.length ?? 0) > 40, 'the catalog query sees the tables').toBeTruthy();
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
    expect(result.exitCode, `schema.prisma has changes no migration holds:\n${result.stdout}`).toBe(0);
  });
});
