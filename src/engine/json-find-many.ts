import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { textStatement } from '../db/client.ts';
import { currentRequest } from '../guards/request-scope.ts';
import { compileFindManyList, type FindManyArgs, SqlArray, UnsupportedQuery } from './json-statement.ts';
import { type BoundStatement, findManyStatement } from './statement-cache.ts';

export { fixedArguments } from './statement-cache.ts';

/**
 * The engine's read entry: Prisma's `findMany` as one JSON statement (json-statement.ts), compiled
 * once per shape of arguments (statement-cache.ts). Everything else in src/engine/ is private to it
 * (tests/engine-fence.test.ts).
 */

/**
 * Prisma's `findMany(args)` on `model`, in one statement where the arguments allow it, otherwise
 * Prisma's own. Returns what Prisma would.
 */
export async function jsonFindMany<T>(prisma: PrismaClient, modelName: string, args: FindManyArgs): Promise<T[]> {
  // A request nobody waits for any more sends no further statement (PGlite's driver refuses them too).
  currentRequest()?.signal?.throwIfAborted();
  let statement: BoundStatement | undefined;
  try {
    statement = findManyStatement(modelName, args);
  } catch (error) {
    if (!(error instanceof UnsupportedQuery)) throw error;
  }
  if (!statement) {
    const delegate = (prisma as unknown as Record<string, { findMany: (args: FindManyArgs) => Promise<T[]> }>)[
      modelName[0]?.toLowerCase() + modelName.slice(1)
    ];
    if (!delegate) throw new Error(`jsonFindMany: no Prisma model ${modelName}`);
    return delegate.findMany(args);
  }
  const json = await textStatement(prisma, statement.text, statement.values, statement.name);
  return statement.decode(json ?? '[]') as T[];
}

/** Prisma's `findFirst(args)` by way of `jsonFindMany`: the first row, or null. */
export async function jsonFindFirst<T>(prisma: PrismaClient, modelName: string, args: FindManyArgs): Promise<T | null> {
  return (await jsonFindMany<T>(prisma, modelName, { ...args, take: 1 }))[0] ?? null;
}

/**
 * SQL of the caller's that chooses rows by id: `with` is a WITH list, `ids` an expression over it
 * giving an int[] of ids, and `beside` an expression over it giving JSON returned with the rows.
 */
export type IdSource = { with: Prisma.Sql; ids: Prisma.Sql; beside: Prisma.Sql };

/**
 * Prisma's `findMany(args)` on `modelName`, limited to the rows whose ids `source` chooses, in the
 * one statement that chooses them (the related articles' ranking and the ranked articles' columns).
 * Returns the rows as Prisma would (in no particular order) and `beside`'s value; or undefined
 * when the arguments cannot be compiled, for the caller to load the rows another way.
 */
export async function jsonFindManyFrom<T>(
  prisma: PrismaClient,
  modelName: string,
  args: FindManyArgs,
  source: IdSource,
): Promise<{ rows: T[]; beside: unknown } | undefined> {
  currentRequest()?.signal?.throwIfAborted();
  let list: ReturnType<typeof compileFindManyList>;
  try {
    const chosen = { id: { in: new SqlArray(source.ids) } };
    list = compileFindManyList(modelName, { ...args, where: args.where ? { AND: [chosen, args.where] } : chosen });
  } catch (error) {
    if (error instanceof UnsupportedQuery) return undefined;
    throw error;
  }
  const sql = Prisma.sql`WITH ${source.with} SELECT json_build_array(${source.beside}, ${list.sql})::text AS json`;
  const json = await textStatement(prisma, sql.text, sql.values);
  const [beside, rows] = JSON.parse(json ?? '[null, []]') as [unknown, Record<string, unknown>[] | null];
  list.decodeRows(rows ?? []);
  return { rows: (rows ?? []) as T[], beside };
}
