import type { PrismaClient } from '../../generated/prisma/client.ts';
import { textStatement } from '../db/client.ts';
import { currentRequest } from '../guards/request-scope.ts';
import { type FindManyArgs, UnsupportedQuery } from './json-statement.ts';
import { type BoundStatement, findManyFromStatement, findManyStatement, type IdSource } from './statement-cache.ts';

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

export type { IdSource };

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
  const statement = findManyFromStatement(modelName, args, source);
  if (!statement) return undefined;
  const json = await textStatement(prisma, statement.text, statement.values, statement.name);
  const [beside, rows] = JSON.parse(json ?? '[null, []]') as [unknown, Record<string, unknown>[] | null];
  statement.decodeRows(rows ?? []);
  return { rows: (rows ?? []) as T[], beside };
}
