import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { type DatabaseDriver, openDatabaseDriver } from '../src/db/adapter.ts';
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
    const engine = await openSchemaEngine(driver.adapter);
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files: await schemaFiles(), configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files: await schemaFiles() },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    engine.free();
    assert.match(result.stdout ?? '', /empty migration/i, `the database differs from schema.prisma:\n${result.stdout}`);
    assert.equal(result.exitCode, 0);
  });
});

describe('migrations folder', () => {
  it('is in step with schema.prisma (run `npm run migration:create -- <name>` after editing the schema)', async () => {
    const shadow = await PGlite.create();
    const engine = await openSchemaEngine(new PrismaPGlite(shadow));
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
