import type { PrismaClient } from '../../generated/prisma/client.ts';
import { textStatement } from '../db/client.ts';
import { currentRequest } from '../guards/request-scope.ts';
import { ENCLOSING_ID, type FindManyArgs, NestedList, RESPONSE_TEXT_KEY, UnsupportedQuery } from './json-statement.ts';
import { type BoundStatement, findManyFromStatement, findManyStatement, type IdSource } from './statement-cache.ts';

export { fixedArguments } from './statement-cache.ts';
export { ENCLOSING_ID };

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
    return delegate.findMany(withoutResponseText(args));
  }
  const json = await textStatement(prisma, statement.text, statement.values, statement.name);
  return statement.decode(json ?? '[]') as T[];
}

/** Prisma knows no `ResponseText`: without them, its rows carry their relations instead, at every level. */
function withoutResponseText(args: FindManyArgs): FindManyArgs {
  const strip = (fields: Record<string, unknown>) => {
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name === RESPONSE_TEXT_KEY) continue;
      // A relation's arguments hold its own `select` or `include`.
      kept[name] =
        value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
          ? withoutResponseText(value as FindManyArgs)
          : value;
    }
    return kept;
  };
  return {
    ...args,
    ...(args.select && { select: strip(args.select) }),
    ...(args.include && { include: strip(args.include) }),
  };
}

/** Prisma's `findFirst(args)` by way of `jsonFindMany`: the first row, or null. */
export async function jsonFindFirst<T>(prisma: PrismaClient, modelName: string, args: FindManyArgs): Promise<T | null> {
  return (await jsonFindMany<T>(prisma, modelName, { ...args, take: 1 }))[0] ?? null;
}

/**
 * Prisma's `findFirst(args)` on `modelName` and, in the same statement, `findMany(list.args)` on
 * `list.modelName` for that row, whose `where` names the row's id as `ENCLOSING_ID`: for rows the
 * row's relations cannot reach (a page of articles that mention an organization). Returns the
 * row (or null) and the list's rows as Prisma would return them; or undefined when the engine
 * cannot compile them, for the caller to read them apart.
 */
export async function jsonFindFirstWithList<T, R>(
  prisma: PrismaClient,
  modelName: string,
  args: FindManyArgs,
  list: { modelName: string; args: FindManyArgs },
): Promise<{ row: T | null; list: R[] } | undefined> {
  currentRequest()?.signal?.throwIfAborted();
  const nested = { [NESTED_KEY]: new NestedList(list.modelName, list.args) };
  let statement: BoundStatement;
  try {
    statement = findManyStatement(modelName, {
      ...args,
      ...(args.select ? { select: { ...args.select, ...nested } } : { include: { ...args.include, ...nested } }),
      take: 1,
    });
  } catch (error) {
    if (error instanceof UnsupportedQuery) return undefined;
    throw error;
  }
  const json = await textStatement(prisma, statement.text, statement.values, statement.name);
  const row = (statement.decode(json ?? '[]')[0] ?? null) as Record<string, unknown> | null;
  if (!row) return { row: null, list: [] };
  const rows = row[NESTED_KEY] as R[];
  delete row[NESTED_KEY];
  return { row: row as T, list: rows };
}

/** The key of a row's JSON that holds its nested list: no field of any model is named so. */
const NESTED_KEY = 'lede:list';

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
