import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
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

export type DatabaseTarget = {
  databaseUrl?: string;
  /** Read replicas of databaseUrl (PostgreSQL only). */
  replicaUrls?: string[];
  dataDir: string;
  /** Longest a single statement of the application may run, in ms; 0 or unset: no limit. */
  statementTimeoutMs?: number;
};

export type DatabaseDriver = {
  /** For migrations: no statement timeout, since a migration may rightly take long. */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** For the application's queries, with the statement timeout applied. */
  queryAdapter: () => Promise<SqlDriverAdapterFactory>;
  /** Human-readable name for logs: never contains a password. */
  description: string;
  close: () => Promise<void>;
};

/** PostgreSQL when a URL is given, otherwise the embedded PGlite database. */
export async function openDatabaseDriver(target: DatabaseTarget): Promise<DatabaseDriver> {
  if (target.databaseUrl) {
    const databaseUrl = target.databaseUrl;
    const timeout = target.statementTimeoutMs ?? 0;
    return {
      adapter: new PrismaPg({ connectionString: databaseUrl }),
      queryAdapter: async () => postgresQueryAdapter(databaseUrl, timeout),
      description: `PostgreSQL at ${postgresLocation(databaseUrl)}`,
      close: async () => {},
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : target.dataDir, { extensions: pgliteExtensions });
  const adapter = new PGliteAdapterFactory(pglite);
  return {
    adapter,
    // PGlite has one session: set after the migrations ran, the limit holds for every later query.
    queryAdapter: async () => {
      await pglite.exec(`SET statement_timeout = ${Math.trunc(target.statementTimeoutMs ?? 0)}`);
      return adapter;
    },
    description: inMemory ? 'embedded PGlite in memory' : `embedded PGlite in ${target.dataDir}`,
    close: () => pglite.close(),
  };
}

/** A PostgreSQL adapter for the application's queries; `statementTimeoutMs` 0 means no limit. */
export function postgresQueryAdapter(databaseUrl: string, statementTimeoutMs: number): SqlDriverAdapterFactory {
  // Sent as a start-up parameter, so every pooled connection has it from the first statement.
  return statementTimeoutMs > 0
    ? new PrismaPg({ connectionString: databaseUrl, statement_timeout: statementTimeoutMs })
    : new PrismaPg({ connectionString: databaseUrl });
}

/** host:port/database of a PostgreSQL URL, for logs and errors: never the password. */
export function postgresLocation(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
