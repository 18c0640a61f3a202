import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine, readMigrations } from './schema-engine.ts';

/**
 * Applies every migration in `migrations/` that the database has not seen, recording each in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does. Safe to run on every start.
 */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapter);
  try {
    const result = await engine.applyMigrations({
      migrationsList: await readMigrations(),
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
