import { createHash } from 'node:crypto';
import { type Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import {
  type DatabaseTarget,
  openDatabaseDriver,
  postgresLocation,
  postgresQueryAdapter,
  type QueryAdapter,
  type TextQuery,
} from './adapter.ts';
import { applyMigrations } from './migrate.ts';

/** What a transaction's callback gets: the client, bound to the transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * What a domain function needs to reach the database: a request's context (whose client is a read
 * replica's for anonymous reads), an open `Database`, or `{ prisma }` in a script. Taking the holder
 * rather than the client keeps resolvers from naming it.
 */
export type Db = { readonly prisma: PrismaClient };

export type Database = {
  /** The primary: every write, and every read that must see the latest writes. */
  prisma: PrismaClient;
  /**
   * A client for reads that may lag the primary a little (anonymous queries): the next read
   * replica in turn, or the primary when there are none.
   */
  readPrisma: () => PrismaClient;
  description: string;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions = DatabaseTarget & {
  /** Called with the text of every SQL statement Prisma sends. */
  onQuery?: (sql: string) => void;
};

/** Opens the configured database, brings its schema up to date and returns a Prisma client. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const driver = await openDatabaseDriver(options);
  try {
    await applyMigrations(driver.adapter);
    const prisma = createClient(await driver.queryAdapter(), options.onQuery);
    const replicas = await openReplicas(options, prisma).catch(async (error: unknown) => {
      await closeClient(prisma);
      throw error;
    });
    let next = 0;
    let closing: Promise<void> | undefined;
    return {
      prisma,
      readPrisma: () => {
        next = (next + 1) % (replicas.length || 1);
        return replicas[next] ?? prisma;
      },
      description:
        replicas.length > 0
          ? `${driver.description}, reading from ${replicas.length} replica${replicas.length > 1 ? 's' : ''}`
          : driver.description,
      close: () => {
        closing ??= Promise.all([prisma, ...replicas].map(closeClient)).then(() => driver.close());
        return closing;
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** The text statements of each client this module created, and how to close their connections. */
const textConnections = new WeakMap<PrismaClient, { textQuery: TextQuery; close: () => Promise<void> }>();

/** Disconnects a client this module created, and closes the connections it shares with its text statements. */
async function closeClient(prisma: PrismaClient): Promise<void> {
  await prisma.$disconnect();
  await textConnections.get(prisma)?.close();
}

/**
 * The text-statement runner on the connections of `prisma` (see `TextQuery`), or undefined for a
 * client this module did not create, such as an interactive transaction's, which must use its own
 * connection through Prisma.
 */
export function textQueryOf(prisma: PrismaClient): TextQuery | undefined {
  return textConnections.get(prisma)?.textQuery;
}

/**
 * Each pooled PostgreSQL connection keeps every statement prepared on it until it closes: the
 * first texts (the hot pages come first) get a name, later ones run unnamed.
 */
const MAX_NAMED_TEXTS = 250;
const namedTexts = new Map<string, string>();

/** The prepared statement's name for a text of Lede's own, the same for the same text; undefined once too many texts have one. */
export function statementNameFor(text: string): string | undefined {
  let name = namedTexts.get(text);
  if (name === undefined && namedTexts.size < MAX_NAMED_TEXTS) {
    name = `lede_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    namedTexts.set(text, name);
  }
  return name;
}

/**
 * The one text value a statement of Lede's own returns (a JSON document): as a named prepared
 * statement on the text-statement connections of `prisma`, or through Prisma for a client without
 * them (an interactive transaction's, which must use its own connection).
 */
export async function textStatement(
  prisma: PrismaClient,
  text: string,
  values: unknown[],
  name = statementNameFor(text),
): Promise<string | null> {
  const textQuery = textQueryOf(prisma);
  if (textQuery) return textQuery(text, values, name);
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
  const first = rows[0] ? Object.values(rows[0])[0] : null;
  return typeof first === 'string' ? first : null;
}

function createClient(
  { factory, textQuery, close, asSharedWork }: QueryAdapter,
  onQuery: ((sql: string) => void) | undefined,
): PrismaClient {
  const prisma = new PrismaClient({ adapter: factory, log: onQuery ? [{ emit: 'event', level: 'query' }] : [] });
  if (asSharedWork) shareBatchedQueries(prisma, asSharedWork);
  if (onQuery) prisma.$on('query' as never, (event: { query: string }) => onQuery(event.query));
  // Counted like Prisma's own statements, in the request's log line, its metrics and the tests.
  textConnections.set(prisma, {
    textQuery: (text, values, name) => {
      onQuery?.(text);
      return textQuery(text, values, name);
    },
    close,
  });
  return prisma;
}

// ---------------------------------------------------------------------------------------------
// Fenced: relies on Prisma 7's request handler, `_requestHandler.dataloader`, whose
// `dispatchBatches` runs every query queued in a tick (tests/abandoned-batch.test.ts fails, and a
// client cannot be created, if that changes).

type PrismaDataloader = { dispatchBatches?: () => void };

/**
 * Prisma queues the queries it may merge (every findUnique outside a transaction, whichever
 * request makes it, and the queries of a transaction) and runs all those queued in one tick in the
 * async context of whichever query came first, through `dispatchBatches`. A statement from there may
 * serve any request, so it runs as shared work: an abandoned first caller must not get a live
 * request's lookup refused.
 */
function shareBatchedQueries(prisma: PrismaClient, asSharedWork: <T>(work: () => T) => T): void {
  const handler = (prisma as unknown as { _requestHandler?: { dataloader?: PrismaDataloader } })._requestHandler;
  const dataloader = handler?.dataloader;
  const dispatch = dataloader?.dispatchBatches;
  if (!dataloader || typeof dispatch !== 'function') {
    throw new Error("Prisma's request batching changed: src/db/client.ts (shareBatchedQueries) needs updating");
  }
  dataloader.dispatchBatches = () => asSharedWork(() => dispatch.call(dataloader));
}

// ---------------------------------------------------------------------------------------------

export class ReplicaError extends Error {}

/**
 * One client per read replica, each with its own connection pool, checked at start: a replica
 * that cannot be reached, or that is not a copy of the primary's schema, stops the start.
 */
async function openReplicas(options: OpenDatabaseOptions, primary: PrismaClient): Promise<PrismaClient[]> {
  const urls = options.replicaUrls ?? [];
  if (urls.length === 0) return [];
  const [primaryRow] = await primary.$queryRaw<{ migrations: bigint }[]>`
    SELECT count(*) AS migrations FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
  const migrations = primaryRow?.migrations ?? 0n;
  const replicas: PrismaClient[] = [];
  try {
    for (const [index, url] of urls.entries()) {
      const replica = createClient(postgresQueryAdapter(url, options.statementTimeoutMs ?? 0), options.onQuery);
      replicas.push(replica);
      const where = `read replica ${index + 1} (${postgresLocation(url)})`;
      const applied = () =>
        replica.$queryRaw<{ migrations: bigint }[]>`
          SELECT count(*) AS migrations FROM _prisma_migrations WHERE finished_at IS NOT NULL`.then(
          (rows) => rows[0]?.migrations ?? 0n,
          (error: unknown) => {
            // Prisma's messages begin with where the call was made; the cause is on the last line.
            const lines = (error instanceof Error ? error.message : String(error)).split('\n');
            const reason = lines
              .map((line) => line.trim())
              .filter(Boolean)
              .at(-1);
            throw new ReplicaError(`cannot read Lede's tables from ${where}: ${reason}`);
          },
        );
      // A replica without the migrations just applied to the primary would answer with another
      // schema. A streaming replica catches up within moments; anything else is not a replica.
      let found = await applied();
      for (let wait = 0; found !== migrations && wait < 20; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        found = await applied();
      }
      if (found !== migrations) {
        throw new ReplicaError(
          `${where} has ${found} migrations applied and the primary ${migrations}: it is not a replica of DATABASE_URL`,
        );
      }
    }
    return replicas;
  } catch (error) {
    await Promise.all(replicas.map(closeClient));
    throw error;
  }
}
