import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine, readMigrations } from './schema-engine.ts';

/**
 * Applies every migration in `migrations/` that the database has not seen, recording each in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does. Safe to run on every start.
 */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await readMigrations();
  // The schema engine's WebAssembly memory stays with the process once loaded (tens of MB), so a
  // database that already has every migration is recognised without it.
  const applied = await appliedMigrationNames(adapter);
  if (applied && migrationsList.migrationDirectories.every((migration) => applied.has(migration.path))) return [];
  const engine = await openSchemaEngine(adapter);
  try {
    const result = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** Migrations the database records as applied, or null when it cannot say (no table yet, say). */
async function appliedMigrationNames(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<Set<string> | null> {
  const connection = await adapter.connect();
  try {
    const result = await connection.queryRaw({
      sql: 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    return new Set(result.rows.map((row) => String(row[0])));
  } catch {
    // The engine finds out properly, and reports what is wrong.
    return null;
  } finally {
    await connection.dispose();
  }
}
