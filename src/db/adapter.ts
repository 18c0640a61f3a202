import { AsyncLocalStorage } from 'node:async_hooks';
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { messages, PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
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
  /**
   * Whether the work running now belongs to a request nobody waits for any more (timed out, or its
   * client went away). Embedded PGlite refuses such a request's next statement, unless it may
   * also serve another request (`QueryAdapter.asSharedWork`).
   */
  isAbandoned?: () => boolean;
};

/**
 * Runs one statement whose result is a single text value (the JSON statements of
 * engine/json-find-many.ts) on the connections the Prisma client uses, but without Prisma's query
 * engine, which cost more CPU than the statement's own round trip. `$1`, `$2`… in `text` are `values`.
 * With a `name` (the same for the same text), PostgreSQL prepares the statement once per connection.
 */
export type TextQuery = (text: string, values: readonly unknown[], name?: string) => Promise<string | null>;

/**
 * The application's queries: Prisma's adapter and, on the same connections, the text statements;
 * `close` closes those connections once the Prisma client has disconnected.
 */
export type QueryAdapter = {
  factory: SqlDriverAdapterFactory;
  textQuery: TextQuery;
  close: () => Promise<void>;
  /**
   * Embedded PGlite only: runs `work` as work that may serve several requests, whose statements
   * are never refused for an abandoned request (see takeTurnsWithTheServer).
   */
  asSharedWork?: <T>(work: () => T) => T;
};

export type DatabaseDriver = {
  /** For migrations: no statement timeout, since a migration may rightly take long. */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** For the application's queries, with the statement timeout applied. */
  queryAdapter: () => Promise<QueryAdapter>;
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
  if (!inMemory) await withoutSharedWrite(target.dataDir);
  takeTurnsWithTheServer(pglite, target.isAbandoned ?? (() => false));
  const adapter = new PGliteAdapterFactory(pglite);
  return {
    adapter,
    // PGlite has one session: set after the migrations ran, the limit holds for every later query.
    queryAdapter: async () => {
      await pglite.exec(`SET statement_timeout = ${Math.trunc(target.statementTimeoutMs ?? 0)}`);
      // The call PrismaPGlite makes for a query outside a transaction, so the two queue alike.
      const textQuery: TextQuery = async (text, values) => {
        const result = await pglite.query<unknown[]>(text, values.map(parameter), { rowMode: 'array' });
        return firstValue(result.rows);
      };
      // The PGlite instance is closed with the driver.
      return { factory: adapter, textQuery, close: async () => {}, asSharedWork };
    },
    description: inMemory ? 'embedded PGlite in memory' : `embedded PGlite in ${target.dataDir}`,
    close: () => pglite.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Fenced: relies on PGlite 0.5's `_runExclusiveTransaction`, the lock every `query`, `exec` and
// `transaction` call takes before it runs (tests/pglite-turns.test.ts fails if that changes).

/** SQLSTATE query_canceled: a refused statement reads like one stopped by statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Set while work that may serve several requests runs: `isAbandoned` then names only the request
 * whose context the work happened to start in, which may have been abandoned while others still wait.
 */
const sharedWork = new AsyncLocalStorage<true>();
const asSharedWork = <T>(work: () => T): T => sharedWork.run(true, work);

/**
 * PGlite runs each statement synchronously on the main thread, and statements queued behind one
 * another resolve as microtasks, so a request with many statements used to hold the event loop
 * from its first to its last: no timer (the request timeout) and no socket (`/health`) got a
 * turn, and statement_timeout has no clock to fire on in WebAssembly. Each statement now starts
 * on a new turn of the event loop, and a request that was abandoned in the meantime has its next
 * statement refused, so its remaining work stops; but never a statement of shared work
 * (`asSharedWork`), which may also be another, live request's.
 */
function takeTurnsWithTheServer(pglite: PGlite, isAbandoned: () => boolean) {
  const runExclusive = pglite._runExclusiveTransaction.bind(pglite);
  pglite._runExclusiveTransaction = <T>(work: () => Promise<T>) =>
    runExclusive(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (isAbandoned() && !sharedWork.getStore()) throw abandonedStatement();
      return work();
    });
}

function abandonedStatement(): Error {
  const error = new messages.DatabaseError('statement refused: its request was abandoned', 0, 'error');
  error.code = QUERY_CANCELED;
  return error;
}

/** A PostgreSQL adapter for the application's queries; `statementTimeoutMs` 0 means no limit. */
export function postgresQueryAdapter(databaseUrl: string, statementTimeoutMs: number): QueryAdapter {
  // The timeout is a start-up parameter, so every pooled connection has it from the first statement.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle connection the server ends (a restart, a failover, a dropped database) is removed from
  // the pool and replaced on next use; without a listener its error would end the process.
  pool.on('error', () => {});
  const textQuery: TextQuery = async (text, values, name) => {
    const result = await pool.query<unknown[]>({ name, text, values: values.map(parameter), rowMode: 'array' });
    return firstValue(result.rows);
  };
  let closed: Promise<void> | undefined;
  return {
    // The pool is ours to end (below): Prisma may never have connected to it.
    factory: new PrismaPg(pool, { disposeExternalPool: false }),
    textQuery,
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}

/** The text a single-value statement returned (rows in array mode), or null. */
const firstValue = (rows: unknown[][]) => (rows[0]?.[0] as string | null | undefined) ?? null;

/**
 * A statement parameter as Prisma's adapters send it. Timestamps go as ISO text with its `Z`, so the
 * `timestamptz` columns read the same instant whatever the session's time zone.
 */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(parameter);
  return value;
}

/** host:port/database of a PostgreSQL URL, for logs and errors: never the password. */
export function postgresLocation(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/**
 * PGlite writes the files of a new data folder (configuration and system catalogs among them)
 * writable by everyone, whatever the umask; files it makes later follow the umask. Removes write
 * permission for group and others from everything in the folder, once: a folder whose
 * `PG_VERSION` is not shared-writable has been seen to already.
 */
export async function withoutSharedWrite(dir: string): Promise<void> {
  const sharedWrite = async (entry: string) => ((await lstat(entry)).mode & 0o022) !== 0;
  if (!(await sharedWrite(path.join(dir, 'PG_VERSION')))) return;
  const entries = await readdir(dir, { recursive: true });
  for (const entry of [dir, ...entries.map((name) => path.join(dir, name))]) {
    const stats = await lstat(entry);
    if (!stats.isSymbolicLink() && stats.mode & 0o022) await chmod(entry, stats.mode & 0o7777 & ~0o022);
  }
}
