import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** Extensions the migrations create: PGlite ships them as modules to load with the database. */
export const pgliteExtensions = { pg_trgm };

/**
 * PrismaPGlite whose shadow database (where the schema engine replays migrations) loads the same
 * extensions; the adapter's own shadow database loads none.
 */
export class PGliteAdapterFactory extends PrismaPGlite {
  override async connectToShadowDb() {
    return new PrismaPGlite(await PGlite.create({ extensions: pgliteExtensions })).connect();
  }
}

export type DatabaseTarget = { databaseUrl?: string; dataDir: string };

export type DatabaseDriver = {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Human-readable name for logs: never contains a password. */
  description: string;
  close: () => Promise<void>;
};

/** PostgreSQL when a URL is given, otherwise the embedded PGlite database. */
export async function openDatabaseDriver(target: DatabaseTarget): Promise<DatabaseDriver> {
  if (target.databaseUrl) {
    const url = new URL(target.databaseUrl);
    return {
      adapter: new PrismaPg({ connectionString: target.databaseUrl }),
      description: `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`,
      close: async () => {},
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : target.dataDir, { extensions: pgliteExtensions });
  return {
    adapter: new PGliteAdapterFactory(pglite),
    description: inMemory ? 'embedded PGlite in memory' : `embedded PGlite in ${target.dataDir}`,
    close: () => pglite.close(),
  };
}
