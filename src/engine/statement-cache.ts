import { LRUCache } from 'lru-cache';
import { Prisma } from '../../generated/prisma/client.ts';
import { statementNameFor } from '../db/client.ts';
import {
  compileFindMany,
  compileFindManyList,
  ENCLOSING_ID,
  type FindManyArgs,
  NestedList,
  ResponseText,
  SqlArray,
  UnsupportedQuery,
} from './json-statement.ts';

/**
 * JSON statements compiled once per shape of their arguments, then bound to each call's values.
 *
 * The arguments of a list repeat from request to request but for their values (a slug, a cursor's
 * position): the shape (keys in order, lengths, booleans, nulls, sort directions, page sizes and
 * the type of every other value) decides the statement's text, the values only its parameters.
 * A shape is compiled once from stand-ins: every value replaced by a recognisable stand-in of its
 * type, so each parameter of the compiled statement can be traced back to the value it came from.
 * A shape whose parameters cannot all be traced is compiled on every call, as before.
 */

/** One call's statement: its text and name (the same for every call of its shape) and its values. */
export type BoundStatement = {
  text: string;
  /** A name for a prepared statement, or undefined when too many texts have one already. */
  name: string | undefined;
  values: unknown[];
  decode: (json: string) => unknown[];
};

type Binder = { slot: number; iso: boolean } | { constant: unknown } | Binder[];

type Prepared = {
  text: string;
  name: string | undefined;
  binders: Binder[];
  decode: (json: string) => unknown[];
};

/** A list's SQL compiled from stand-ins: its strings, and how each of its values is bound. */
type PreparedList = {
  strings: readonly string[];
  binders: Binder[];
  decodeRows: (rows: Record<string, unknown>[]) => void;
};

/** Shapes are few in practice; the bound keeps clients' odd selections from growing the cache without end. */
const MAX_SHAPES = 1000;

const UNCACHEABLE = Symbol('uncacheable');
const UNSUPPORTED = Symbol('unsupported');
const shapes = new LRUCache<string, Prepared | typeof UNCACHEABLE | typeof UNSUPPORTED>({ max: MAX_SHAPES });
const listShapes = new LRUCache<string, PreparedList | typeof UNCACHEABLE | typeof UNSUPPORTED>({ max: MAX_SHAPES });

/**
 * The statement of `findMany(args)` on `modelName`, from the shape's cache when it is there.
 * Throws `UnsupportedQuery` as `compileFindMany` does.
 */
export function findManyStatement(modelName: string, args: FindManyArgs): BoundStatement {
  const shape = shapeOf(modelName, args);
  if (!shape) return compiledNow(modelName, args);
  let prepared = shapes.get(shape.key);
  if (prepared === undefined) {
    prepared = prepare(modelName, args, shape);
    shapes.set(shape.key, prepared);
  }
  if (prepared === UNSUPPORTED) throw new UnsupportedQuery(`${modelName}: a shape compiled before`);
  if (prepared === UNCACHEABLE) return compiledNow(modelName, args);
  const { text, name, binders, decode } = prepared;
  return { text, name, values: binders.map((binder) => bind(binder, shape.values)), decode };
}

/** One call's list (`compileFindManyList`), for a statement of the caller's. */
export type BoundList = {
  /** The shape's key, the same for every call whose list has the same text; undefined when compiled for this call alone. */
  key: string | undefined;
  sql: Prisma.Sql;
  decodeRows: (rows: Record<string, unknown>[]) => void;
};

/**
 * The list of `findMany(args)` on `modelName` (`compileFindManyList`), from the shape's cache when
 * it is there. Throws `UnsupportedQuery` as `compileFindManyList` does.
 */
export function findManyListStatement(modelName: string, args: FindManyArgs): BoundList {
  const shape = shapeOf(modelName, args);
  const listNow = (): BoundList => ({ key: undefined, ...compileFindManyList(modelName, args) });
  if (!shape) return listNow();
  let prepared = listShapes.get(shape.key);
  if (prepared === undefined) {
    const compiled = prepareWith(args, shape, (standIns) => {
      const list = compileFindManyList(modelName, standIns);
      return { sql: list.sql, decode: list.decodeRows };
    });
    prepared =
      typeof compiled === 'symbol'
        ? compiled
        : { strings: compiled.sql.strings, binders: compiled.binders, decodeRows: compiled.decode };
    listShapes.set(shape.key, prepared);
  }
  if (prepared === UNSUPPORTED) throw new UnsupportedQuery(`${modelName}: a shape compiled before`);
  if (prepared === UNCACHEABLE) return listNow();
  const values = prepared.binders.map((binder) => bind(binder, shape.values));
  return { key: shape.key, sql: new Prisma.Sql(prepared.strings, values), decodeRows: prepared.decodeRows };
}

/**
 * SQL of the caller's that chooses rows by id: `with` is a WITH list, `ids` an expression over it
 * giving an int[] of ids, and `beside` an expression over it giving JSON returned with the rows.
 */
export type IdSource = { with: Prisma.Sql; ids: Prisma.Sql; beside: Prisma.Sql };

type BoundFrom = { text: string; name: string | undefined; values: unknown[] };

/** The statement `jsonFindManyFrom` sends, or undefined when the engine cannot compile `args`. */
export function findManyFromStatement(
  modelName: string,
  args: FindManyArgs,
  source: IdSource,
): (BoundFrom & { decodeRows: BoundList['decodeRows'] }) | undefined {
  let list: BoundList;
  try {
    const chosen = { id: { in: new SqlArray(source.ids) } };
    list = findManyListStatement(modelName, { ...args, where: args.where ? { AND: [chosen, args.where] } : chosen });
  } catch (error) {
    if (error instanceof UnsupportedQuery) return undefined;
    throw error;
  }
  const { text, name } = fromStatementText(list, source);
  const values = [...source.with.values, ...source.beside.values, ...list.sql.values];
  return { text, name, values, decodeRows: list.decodeRows };
}

/**
 * Texts and names of `jsonFindManyFrom`'s statements, by all their text depends on: the list's
 * shape and the caller's SQL. The bound keeps callers' odd SQL from growing it without end.
 */
const fromTexts = new LRUCache<string, { text: string; name: string | undefined }>({ max: 1000 });

function fromStatementText(list: BoundList, source: IdSource): { text: string; name: string | undefined } {
  const key = list.key === undefined ? undefined : `${list.key}\u0000${source.with.text}\u0000${source.beside.text}`;
  const known = key === undefined ? undefined : fromTexts.get(key);
  if (known) return known;
  const { text } = Prisma.sql`WITH ${source.with} SELECT json_build_array(${source.beside}, ${list.sql})::text AS json`;
  const statement = { text, name: statementNameFor(text) };
  if (key !== undefined) fromTexts.set(key, statement);
  return statement;
}

function compiledNow(modelName: string, args: FindManyArgs): BoundStatement {
  const { sql, decode } = compileFindMany(modelName, args);
  return { text: sql.text, name: undefined, values: sql.values, decode };
}

type Shape = {
  key: string;
  /** The values, in the order of the walk that made the key. */
  values: unknown[];
  /** The values kept in the key, which may stand in the statement as they are. */
  literals: Set<unknown>;
};

/** Strings that choose SQL rather than being compared with a column. */
const LITERAL_STRINGS = new Set(['asc', 'desc']);

/** The shape of `args` and its values, or undefined for arguments this cache does not take apart. */
function shapeOf(modelName: string, args: unknown): Shape | undefined {
  const parts: string[] = [modelName];
  const values: unknown[] = [];
  const literals = new Set<unknown>();
  return walkShape(args, undefined, parts, values, literals) ? { key: parts.join(' '), values, literals } : undefined;
}

function walkShape(
  value: unknown,
  key: string | undefined,
  parts: string[],
  values: unknown[],
  literals: Set<unknown>,
) {
  if (key === 'take' && typeof value === 'number') {
    // A page size is part of the statement's text (json-statement.ts), so of its shape.
    parts.push(`#${value}`);
    return true;
  }
  if (value === undefined || value === null || typeof value === 'boolean') {
    parts.push(String(value));
    return true;
  }
  if (typeof value === 'string') {
    if (LITERAL_STRINGS.has(value)) {
      literals.add(value);
      parts.push(JSON.stringify(value));
    } else {
      values.push(value);
      parts.push('$s');
    }
    return true;
  }
  if (typeof value === 'number') {
    // Zero, negative and fractional numbers may change the text (no OFFSET) or be refused.
    if (Number.isSafeInteger(value) && value > 0) {
      values.push(value);
      parts.push('$n');
    } else {
      literals.add(value);
      parts.push(`#${value}`);
    }
    return true;
  }
  if (value instanceof Date) {
    values.push(value);
    parts.push('$d');
    return true;
  }
  if (typeof value !== 'object') return false;
  if (value === ENCLOSING_ID) {
    parts.push('enclosing');
    return true;
  }
  if (value instanceof ResponseText) {
    // Frozen, and holds no values: its fields are part of the statement's text.
    parts.push(`response ${value.key}`);
    return true;
  }
  if (value instanceof NestedList) {
    parts.push(`nested ${JSON.stringify(value.modelName)}`);
    return walkShape(value.args, undefined, parts, values, literals);
  }
  const fixed = fixedShapes.get(value);
  if (fixed) {
    parts.push(fixed.key);
    values.push(...fixed.values);
    for (const literal of fixed.literals) literals.add(literal);
    return true;
  }
  if (value instanceof SqlArray) {
    // The caller's SQL goes into the text as it is; one with values of its own is compiled each call.
    if (value.sql.values.length > 0) return false;
    parts.push(`sql ${JSON.stringify(value.sql.text)}`);
    return true;
  }
  if (Array.isArray(value)) {
    parts.push(`[${value.length}`);
    for (const item of value) if (!walkShape(item, undefined, parts, values, literals)) return false;
    parts.push(']');
    return true;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    parts.push('{');
    for (const [name, item] of Object.entries(value)) {
      parts.push(JSON.stringify(name));
      if (!walkShape(item, name, parts, values, literals)) return false;
    }
    parts.push('}');
    return true;
  }
  return false;
}

/**
 * The shapes of arguments that can no longer change (`fixedArguments`), so that the walk of a
 * request's arguments takes such a part whole instead of walking it again. Keyed weakly by the
 * frozen object itself: an entry goes with the object, and a frozen object's shape and values are
 * the same on every walk.
 */
const fixedShapes = new WeakMap<object, { key: string; values: unknown[]; literals: unknown[] }>();

/**
 * A frozen deep copy of `args` (plain objects, arrays, dates and primitives), whose shape the
 * statement cache then reads once instead of on every call; or undefined when `args` holds
 * anything else. For arguments a caller hands to `jsonFindMany` again and again, such as the
 * selection it plans once per document.
 */
export function fixedArguments<T>(args: T): T | undefined {
  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? NOT_COPIED : value;
    if (value instanceof Date) return Object.freeze(new Date(value.getTime()));
    if (value instanceof ResponseText) return value;
    let out: object;
    if (Array.isArray(value)) out = value.map(copy);
    else if (Object.getPrototypeOf(value) === Object.prototype) {
      out = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, copy(item)]));
    } else return NOT_COPIED;
    if (Object.values(out).includes(NOT_COPIED)) return NOT_COPIED;
    Object.freeze(out);
    const parts: string[] = [];
    const values: unknown[] = [];
    const literals = new Set<unknown>();
    if (walkShape(out, undefined, parts, values, literals)) {
      fixedShapes.set(out, { key: parts.join(' '), values, literals: [...literals] });
    }
    return out;
  };
  const fixed = copy(args);
  return fixed === NOT_COPIED ? undefined : (fixed as T);
}

const NOT_COPIED = Symbol('not copied');

const STAND_IN_NUMBER = 2 ** 40;
const STAND_IN_DATE = Date.UTC(2999, 0, 1);
const standInString = (slot: number) => `\u0000lede-value-${slot}\u0000`;

function prepare(
  modelName: string,
  args: FindManyArgs,
  shape: Shape,
): Prepared | typeof UNCACHEABLE | typeof UNSUPPORTED {
  const compiled = prepareWith(args, shape, (standIns) => {
    const { sql, decode } = compileFindMany(modelName, standIns);
    return { sql, decode };
  });
  if (typeof compiled === 'symbol') return compiled;
  const text = compiled.sql.text;
  return { text, name: statementNameFor(text), binders: compiled.binders, decode: compiled.decode };
}

/** `compile` of the shape's stand-ins, with each of its values traced back to the argument it binds. */
function prepareWith<Decode>(
  args: FindManyArgs,
  shape: Shape,
  compile: (args: FindManyArgs) => { sql: Prisma.Sql; decode: Decode },
): { sql: Prisma.Sql; binders: Binder[]; decode: Decode } | typeof UNCACHEABLE | typeof UNSUPPORTED {
  let slot = 0;
  const bySlotText = new Map<unknown, Binder>();
  const standIn = (value: unknown, key?: string): unknown => {
    if (key === 'take') return value;
    if (value === undefined || value === null || typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      if (LITERAL_STRINGS.has(value)) return value;
      const text = standInString(slot);
      bySlotText.set(text, { slot: slot++, iso: false });
      return text;
    }
    if (typeof value === 'number') {
      if (!(Number.isSafeInteger(value) && value > 0)) return value;
      const number = STAND_IN_NUMBER + slot;
      bySlotText.set(number, { slot: slot++, iso: false });
      return number;
    }
    if (value instanceof Date) {
      const date = new Date(STAND_IN_DATE + slot);
      bySlotText.set(date.toISOString(), { slot, iso: true });
      bySlotText.set(date, { slot: slot++, iso: false });
      return date;
    }
    if (value instanceof SqlArray || value instanceof ResponseText || value === ENCLOSING_ID) return value;
    if (value instanceof NestedList) return new NestedList(value.modelName, standIn(value.args) as FindManyArgs);
    if (Array.isArray(value)) return value.map((item) => standIn(item));
    return Object.fromEntries(Object.entries(value as object).map(([name, item]) => [name, standIn(item, name)]));
  };
  let compiled: { sql: Prisma.Sql; decode: Decode };
  try {
    compiled = compile(standIn(args) as FindManyArgs);
  } catch (error) {
    // Refused for its shape, which the stand-ins keep; anything else is left to compiling each call.
    return error instanceof UnsupportedQuery ? UNSUPPORTED : UNCACHEABLE;
  }
  const used = new Set<number>();
  const traced = (value: unknown): Binder | undefined => {
    const binder = bySlotText.get(value);
    if (binder && 'slot' in binder) {
      used.add(binder.slot);
      return binder;
    }
    if (Array.isArray(value)) {
      const items = value.map(traced);
      return items.every((item) => item !== undefined) ? (items as Binder[]) : undefined;
    }
    if (value === null || typeof value === 'boolean' || shape.literals.has(value)) return { constant: value };
    return undefined;
  };
  const binders = compiled.sql.values.map(traced);
  // Every value went into the statement as itself (or a timestamp as its ISO text), and nothing else did.
  if (used.size !== slot || !binders.every((binder) => binder !== undefined)) return UNCACHEABLE;
  return { sql: compiled.sql, binders: binders as Binder[], decode: compiled.decode };
}

function bind(binder: Binder, values: unknown[]): unknown {
  if (Array.isArray(binder)) return binder.map((item) => bind(item, values));
  if ('constant' in binder) return binder.constant;
  const value = values[binder.slot];
  return binder.iso ? (value as Date).toISOString() : value;
}
