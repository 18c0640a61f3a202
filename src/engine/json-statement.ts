import { getDatamodel } from '../../generated/pothos-types.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import * as databaseEnums from '../../generated/prisma/enums.ts';
import { WrittenResponse } from './written-response.ts';

/**
 * `findMany` as one SQL statement that builds the rows as JSON inside PostgreSQL, for the hottest
 * lists (pages of articles with their sections, bylines and mentions).
 *
 * Why: turning Prisma's joined rows back into objects was the largest single item of a front
 * page's CPU, and its LATERAL/JSONB statement cost PostgreSQL more than a plain `json_agg`. The
 * arguments are the same as Prisma's (what Pothos plans from the GraphQL selection), and so is the
 * result, so the Pothos relation fields read it as they read Prisma's.
 *
 * Only the part of Prisma's query language that our lists use is compiled; anything else (a
 * cursor, `distinct`, `_count`, text filters, relation ordering, …) throws `UnsupportedQuery` and
 * `jsonFindMany` (json-find-many.ts) hands the same arguments to Prisma instead. Tests hold both to the same results.
 *
 * The schema maps no model or field to another database name (no `@map`), every relation
 * references its target's `id`, and the tests check that this still holds.
 */

export class UnsupportedQuery extends Error {}

type FieldModel = ReturnType<typeof getDatamodel>['datamodel']['models'][string]['fields'][number];
type ModelInfo = { name: string; fields: Map<string, FieldModel>; scalars: FieldModel[]; orderKey: readonly string[] };

const models = new Map<string, ModelInfo>(
  Object.entries(getDatamodel().datamodel.models).map(([name, model]) => {
    const fields = new Map(model.fields.map((field) => [field.name, field]));
    const scalars = model.fields.filter((field) => field.kind !== 'object');
    const id = model.fields.find((field) => field.isId)?.name;
    const orderKey = id ? [id] : (model.primaryKey?.fields ?? []);
    return [name, { name, fields, scalars, orderKey }];
  }),
);

function modelInfo(name: string): ModelInfo {
  const model = models.get(name);
  if (!model) throw new UnsupportedQuery(`unknown model ${name}`);
  return model;
}

const quote = (name: string) => Prisma.raw(`"${name}"`);
const column = (alias: string, field: string) => Prisma.raw(`${alias}."${field}"`);

const UNSUPPORTED_TYPES = new Set(['BigInt', 'Decimal', 'Bytes']);
const SQL_ARRAY_TYPES: Record<string, string> = { Int: 'int[]', String: 'text[]', DateTime: 'timestamptz[]' };

type Decoder = (row: Record<string, unknown>) => void;

type Compiled = { sql: Prisma.Sql; decode: Decoder };
type CompiledList = { sql: Prisma.Sql; decode: (rows: Record<string, unknown>[]) => void };
/** The condition that ties the rows under `alias` to their parent row. */
type Join = (alias: string) => Prisma.Sql;

export type FindManyArgs = {
  select?: Record<string, unknown>;
  include?: Record<string, unknown>;
  where?: Record<string, unknown>;
  orderBy?: unknown;
  take?: number;
  skip?: number;
};

const KNOWN_ARGS = new Set(['select', 'include', 'where', 'orderBy', 'take', 'skip']);

/**
 * The operand of an `in` filter that is SQL of the caller's: an expression giving an array, such as
 * ids a WITH query of the same statement chose (`ARRAY(SELECT …)`: a bare subquery would be read as
 * `= ANY (subquery)`). Compiled as `column = ANY(expression)`.
 */
export class SqlArray {
  constructor(readonly sql: Prisma.Sql) {}
}

/**
 * A list of another model read inside each row of a list, under a key of the row's `select` or
 * `include` that is none of its fields: rows the relations cannot reach, such as a page of
 * articles chosen through a join table, read in the statement of the row they belong to. Its
 * `where` names that row's id as `ENCLOSING_ID`.
 */
export class NestedList {
  constructor(
    readonly modelName: string,
    readonly args: FindManyArgs,
  ) {}
}

/**
 * One key of a response written by PostgreSQL (`ResponseText`): a fixed JSON value (a typename), a
 * column as GraphQL serialises it (`json`: a string, number, boolean or enum as it is; `instant`:
 * a timestamp as an ISO-8601 string in UTC with milliseconds, as `Date.toISOString` writes it), or
 * a relation's rows, each an object of keys of their own.
 */
export type ResponseField =
  | { key: string; kind: 'literal'; json: string }
  | { key: string; kind: 'column'; column: string; format: 'json' | 'instant' }
  | { key: string; kind: 'relation'; relation: string; fields: readonly ResponseField[] };

/** The key of a row's `select` or `include` under which a `ResponseText` asks for the row's response. */
export const RESPONSE_TEXT_KEY = '$response';

/**
 * A row's part of a GraphQL response, written by PostgreSQL as compact JSON text (the bytes
 * `JSON.stringify` would write) and handed back as a string under `RESPONSE_TEXT_KEY`, so the
 * gateway passes it through instead of parsing, walking and serialising it again. The relations it
 * names are read with the arguments the row's `select` or `include` gives them, and are not read
 * into the row itself.
 */
export class ResponseText {
  /** The fields as text: what tells the responses of two plans apart. */
  readonly shape: string;
  /** What tells two of them apart in the statement cache. */
  readonly key: string;

  /**
   * `rowColumns`: the only columns of the row to read beside its response, where the caller reads
   * nothing else of it (a cursor's position); by default all its `select` or `include` names.
   */
  constructor(
    readonly fields: readonly ResponseField[],
    readonly rowColumns?: readonly string[],
  ) {
    this.shape = JSON.stringify(fields);
    this.key = rowColumns ? `${this.shape} ${JSON.stringify(rowColumns)}` : this.shape;
    Object.freeze(this);
  }

  /** The same response, with only `columns` of the row read beside it. */
  beside(columns: readonly string[]): ResponseText {
    return new ResponseText(this.fields, columns);
  }
}

/**
 * `selection` (a `select` or `include`) with the row's response written by PostgreSQL as well
 * (`ResponseText`): its rows carry it as a string under `RESPONSE_TEXT_KEY`, unless the statement
 * could not be compiled, when they carry their relations as always.
 */
export function withResponseText<S extends { select?: object; include?: object }>(
  selection: S,
  response: ResponseText,
): S {
  return selection.select
    ? { ...selection, select: { ...selection.select, [RESPONSE_TEXT_KEY]: response } }
    : { ...selection, include: { ...selection.include, [RESPONSE_TEXT_KEY]: response } };
}

/** The model's field `name` as the statement reads it, or undefined (for the planner's checks). */
export function modelField(modelName: string, name: string): FieldModel | undefined {
  return models.get(modelName)?.fields.get(name);
}

/** The values of the database enum `name`, or undefined when there is none. */
export function databaseEnumValues(name: string): string[] | undefined {
  const values = (databaseEnums as Record<string, unknown>)[name];
  return values && typeof values === 'object' ? Object.values(values as Record<string, string>) : undefined;
}

/** The column types a `ResponseField` of each format may read. */
const RESPONSE_FORMATS: Record<'json' | 'instant', (field: FieldModel) => boolean> = {
  json: (field) => field.kind === 'enum' || ['String', 'Int', 'Boolean'].includes(field.type),
  instant: (field) => field.kind === 'scalar' && field.type === 'DateTime',
};

/** Whether a `ResponseField` of `format` may read `field`. */
export function readsAs(field: FieldModel, format: 'json' | 'instant'): boolean {
  return !field.isList && RESPONSE_FORMATS[format](field);
}

/** A string as an SQL literal. */
const sqlString = (text: string) => Prisma.raw(`'${text.replaceAll("'", "''")}'`);

class EnclosingId {}

/** In a `NestedList`'s `where`, a value standing for the id of the row the list is read in. */
export const ENCLOSING_ID = Object.freeze(new EnclosingId());

/** Compiles one `findMany` into a statement returning the rows as a JSON array in a text column `json`. */
export function compileFindMany(
  modelName: string,
  args: FindManyArgs,
): { sql: Prisma.Sql; decode: (json: string) => unknown[] } {
  const { sql, decodeRows } = compileFindManyList(modelName, args);
  return {
    sql: Prisma.sql`SELECT ${sql}::text AS json`,
    decode: (json) => {
      const rows = JSON.parse(json) as Record<string, unknown>[];
      decodeRows(rows);
      return rows;
    },
  };
}

/**
 * Compiles one `findMany` into an expression giving the rows as a JSON array, for a statement of the
 * caller's; `decodeRows` turns the parsed rows into what Prisma returns, in place.
 */
export function compileFindManyList(
  modelName: string,
  args: FindManyArgs,
): { sql: Prisma.Sql; decodeRows: (rows: Record<string, unknown>[]) => void } {
  const compiler = new Compiler();
  const model = modelInfo(modelName);
  const list = compiler.list(model, args, undefined);
  return { sql: list.sql, decodeRows: list.decode };
}

class Compiler {
  private aliases = 0;
  /** The alias of the row a `NestedList` is being compiled in. */
  private enclosing: string | undefined;

  private alias() {
    return `t${this.aliases++}`;
  }

  /** The rows of `model` that `args` ask for, as a JSON array; `join` ties them to a parent row. */
  list(model: ModelInfo, args: FindManyArgs, join: Join | undefined): CompiledList {
    for (const key of Object.keys(args)) {
      if (!KNOWN_ARGS.has(key)) throw new UnsupportedQuery(`findMany argument ${key}`);
    }
    const alias = this.alias();
    const object = this.object(model, args, alias);
    const { from, order } = this.rows(model, args, join, alias);
    const decodeRow = object.decode;
    return {
      sql: Prisma.sql`(SELECT coalesce(json_agg(${object.sql} ORDER BY ${order}), '[]') FROM ${from})`,
      decode: (rows) => {
        for (const row of rows) decodeRow(row);
      },
    };
  }

  /** Where the rows of a list come from under `alias`, and their order. */
  private rows(model: ModelInfo, args: FindManyArgs, join: Join | undefined, alias: string) {
    const conditions = [...(join ? [join(alias)] : []), ...(args.where ? [this.where(model, args.where, alias)] : [])];
    const where = conditions.length ? Prisma.sql` WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const order = this.orderBy(model, args.orderBy, alias);
    const paged = args.take !== undefined || args.skip !== undefined;
    if (args.take !== undefined && (!Number.isInteger(args.take) || args.take < 0)) {
      throw new UnsupportedQuery('a negative or fractional take');
    }
    if (args.skip !== undefined && (!Number.isInteger(args.skip) || args.skip < 0)) {
      throw new UnsupportedQuery('a negative or fractional skip');
    }
    // The page size is written into the text, not bound: PostgreSQL prices a generic plan with a
    // bound LIMIT as if it read a tenth of the table, so it would plan the statement on every call.
    const limit = args.take !== undefined ? Prisma.raw(` LIMIT ${args.take}`) : Prisma.empty;
    const offset = args.skip ? Prisma.sql` OFFSET ${args.skip}` : Prisma.empty;
    // With a limit the rows are chosen in a subquery first, so the aggregate sees only the page.
    const from = paged
      ? Prisma.sql`(SELECT * FROM ${quote(model.name)} ${Prisma.raw(alias)}${where} ORDER BY ${order}${limit}${offset}) ${Prisma.raw(alias)}`
      : Prisma.sql`${quote(model.name)} ${Prisma.raw(alias)}${where}`;
    return { from, order };
  }

  /** The one related row (or null) of a to-one relation. */
  private single(model: ModelInfo, args: FindManyArgs, join: Join): Compiled {
    for (const key of Object.keys(args)) {
      if (key !== 'select' && key !== 'include') throw new UnsupportedQuery(`to-one relation argument ${key}`);
    }
    const alias = this.alias();
    const object = this.object(model, args, alias);
    return {
      sql: Prisma.sql`(SELECT ${object.sql} FROM ${quote(model.name)} ${Prisma.raw(alias)} WHERE ${join(alias)})`,
      decode: object.decode,
    };
  }

  /** `json_build_object` of the fields a `select` or `include` names (all scalars for `include` or none). */
  private object(model: ModelInfo, args: FindManyArgs, alias: string): Compiled {
    if (args.select && args.include) throw new UnsupportedQuery('select and include together');
    const entries: [string, unknown][] = args.select
      ? Object.entries(args.select)
      : [...model.scalars.map((field): [string, unknown] => [field.name, true]), ...Object.entries(args.include ?? {})];
    const pairs: Prisma.Sql[] = [];
    const decoders: Decoder[] = [];
    const response = entries.find(([name]) => name === RESPONSE_TEXT_KEY)?.[1];
    // The relations the response reads are read there, not into the row.
    const inResponse = new Set<string>();
    let rowColumns: Set<string> | undefined;
    if (response !== undefined) {
      if (!(response instanceof ResponseText))
        throw new UnsupportedQuery(`${RESPONSE_TEXT_KEY} that is no ResponseText`);
      const relations = new Map(entries);
      for (const field of response.fields) if (field.kind === 'relation') inResponse.add(field.relation);
      if (response.rowColumns) rowColumns = new Set(response.rowColumns);
      pairs.push(
        Prisma.sql`${sqlString(RESPONSE_TEXT_KEY)}, ${this.responseObject(model, relations, alias, response.fields)}`,
      );
      const { shape } = response;
      decoders.push((row) => {
        const text = row[RESPONSE_TEXT_KEY];
        if (typeof text === 'string') row[RESPONSE_TEXT_KEY] = new WrittenResponse(shape, text);
      });
    }
    for (const [name, value] of entries) {
      if (value === false || value === undefined || name === RESPONSE_TEXT_KEY || inResponse.has(name)) continue;
      if (rowColumns && !rowColumns.has(name) && !(value instanceof NestedList)) continue;
      if (value instanceof NestedList) {
        if (model.fields.has(name)) throw new UnsupportedQuery(`a nested list under the field ${model.name}.${name}`);
        if (!model.fields.has('id')) throw new UnsupportedQuery(`a nested list in ${model.name}, which has no id`);
        const nested = this.nested(value, alias);
        pairs.push(Prisma.sql`${Prisma.raw(`'${name}'`)}, ${nested.sql}`);
        decoders.push((row) => nested.decode(row[name] as Record<string, unknown>[]));
        continue;
      }
      const field = model.fields.get(name);
      if (!field) throw new UnsupportedQuery(`${model.name}.${name}`);
      if (field.kind !== 'object') {
        if (value !== true) throw new UnsupportedQuery(`${model.name}.${name}: ${JSON.stringify(value)}`);
        // Lists of decoded types (timestamps, floats) never occur in the schema; left to Prisma.
        if (UNSUPPORTED_TYPES.has(field.type) || (field.isList && scalarDecoder(field) !== noDecoding)) {
          throw new UnsupportedQuery(`${field.type} column ${name}`);
        }
        pairs.push(Prisma.sql`${Prisma.raw(`'${name}'`)}, ${column(alias, name)}`);
        decoders.push(scalarDecoder(field));
        continue;
      }
      const related = modelInfo(field.type);
      const relationArgs = (value === true ? {} : value) as FindManyArgs;
      const join: Join = (inner) => this.join(model, field, alias, inner);
      const relation = field.isList ? this.list(related, relationArgs, join) : this.single(related, relationArgs, join);
      pairs.push(Prisma.sql`${Prisma.raw(`'${name}'`)}, ${relation.sql}`);
      const decodeRelation = relation.decode as (value: unknown) => void;
      decoders.push((row) => {
        const nested = row[name];
        if (nested !== null && nested !== undefined) decodeRelation(nested);
      });
    }
    if (pairs.length === 0) throw new UnsupportedQuery('an empty selection');
    // json_build_object takes at most 100 arguments.
    if (pairs.length > 50) throw new UnsupportedQuery('more than 50 fields');
    const used = decoders.filter((decoder) => decoder !== noDecoding);
    return {
      sql: Prisma.sql`json_build_object(${Prisma.join(pairs, ', ')})`,
      decode: (row) => {
        for (const decoder of used) decoder(row);
      },
    };
  }

  /**
   * The JSON text of one row's response (`ResponseText`), built by concatenation so that it has
   * no white space: the bytes `JSON.stringify` writes. `relations` gives each relation's arguments.
   */
  private responseObject(
    model: ModelInfo,
    relations: Map<string, unknown>,
    alias: string,
    fields: readonly ResponseField[],
  ): Prisma.Sql {
    if (fields.length === 0) throw new UnsupportedQuery('an empty response');
    const parts: Prisma.Sql[] = [];
    fields.forEach((field, index) => {
      parts.push(sqlString(`${index === 0 ? '{' : ','}${JSON.stringify(field.key)}:`));
      parts.push(this.responseValue(model, relations, alias, field));
    });
    parts.push(sqlString('}'));
    return Prisma.sql`(${Prisma.join(parts, ' || ')})`;
  }

  private responseValue(
    model: ModelInfo,
    relations: Map<string, unknown>,
    alias: string,
    field: ResponseField,
  ): Prisma.Sql {
    if (field.kind === 'literal') return sqlString(field.json);
    if (field.kind === 'column') {
      const read = model.fields.get(field.column);
      if (!read || !readsAs(read, field.format)) {
        throw new UnsupportedQuery(`${model.name}.${field.column} as ${field.format}`);
      }
      const target = column(alias, field.column);
      if (field.format === 'json') return Prisma.sql`coalesce(to_json(${target})::text, 'null')`;
      // `toISOString`'s form holds for years 1 to 9999. Any other instant (infinity, say, stored
      // by hand) fails the statement on purpose: graphql-js then answers the operation, with
      // the error it reports for such a value.
      return Prisma.sql`CASE WHEN ${target} IS NULL THEN 'null' WHEN ${target} >= '0001-01-01T00:00:00Z' AND ${target} < '10000-01-01T00:00:00Z' THEN '"' || to_char(${target} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' ELSE CAST('an instant JSON cannot hold: ' || ${target}::text AS integer)::text END`;
    }
    const relation = model.fields.get(field.relation);
    const value = relations.get(field.relation);
    if (relation?.kind !== 'object' || value === undefined || value === false) {
      throw new UnsupportedQuery(`${model.name}.${field.relation} in a response, not selected`);
    }
    const related = modelInfo(relation.type);
    const args = (value === true ? {} : value) as FindManyArgs;
    const join: Join = (inner) => this.join(model, relation, alias, inner);
    if (relation.isList) {
      for (const key of Object.keys(args)) {
        if (!KNOWN_ARGS.has(key)) throw new UnsupportedQuery(`findMany argument ${key}`);
      }
      const inner = this.alias();
      const object = this.responseObject(related, this.selected(related, args), inner, field.fields);
      const { from, order } = this.rows(related, args, join, inner);
      return Prisma.sql`(SELECT '[' || coalesce(string_agg(${object}, ',' ORDER BY ${order}), '') || ']' FROM ${from})`;
    }
    for (const key of Object.keys(args)) {
      if (key !== 'select' && key !== 'include') throw new UnsupportedQuery(`to-one relation argument ${key}`);
    }
    const inner = this.alias();
    const object = this.responseObject(related, this.selected(related, args), inner, field.fields);
    return Prisma.sql`coalesce((SELECT ${object} FROM ${quote(related.name)} ${Prisma.raw(inner)} WHERE ${join(inner)}), 'null')`;
  }

  /** The fields a relation's `select` or `include` names, with their arguments. */
  private selected(model: ModelInfo, args: FindManyArgs): Map<string, unknown> {
    if (args.select && args.include) throw new UnsupportedQuery(`select and include together on ${model.name}`);
    return new Map(Object.entries(args.select ?? args.include ?? {}));
  }

  private nested(list: NestedList, enclosing: string): CompiledList {
    if (this.enclosing !== undefined) throw new UnsupportedQuery('a nested list inside a nested list');
    this.enclosing = enclosing;
    try {
      return this.list(modelInfo(list.modelName), list.args, undefined);
    } finally {
      this.enclosing = undefined;
    }
  }

  /** The condition tying a row `inner` of `field`'s model to the parent row `parent`: the foreign key on whichever side holds it. */
  private join(model: ModelInfo, field: FieldModel, parent: string, inner: string): Prisma.Sql {
    const related = modelInfo(field.type);
    const own = field.relationFromFields ?? [];
    if (own.length === 1) return Prisma.sql`${column(inner, 'id')} = ${column(parent, own[0] as string)}`;
    const back = [...related.fields.values()].find(
      (other) =>
        other.relationName === field.relationName && other !== field && (other.relationFromFields?.length ?? 0) === 1,
    );
    if (own.length > 1 || !back || !model.fields.has('id')) {
      throw new UnsupportedQuery(`relation ${model.name}.${field.name}`);
    }
    return Prisma.sql`${column(inner, back.relationFromFields?.[0] as string)} = ${column(parent, 'id')}`;
  }

  private orderBy(model: ModelInfo, orderBy: unknown, alias: string): Prisma.Sql {
    const items = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
    const terms: Prisma.Sql[] = [];
    for (const item of items) {
      for (const [name, direction] of Object.entries(item as Record<string, unknown>)) {
        const field = model.fields.get(name);
        if (!field || field.kind === 'object') throw new UnsupportedQuery(`order by ${model.name}.${name}`);
        if (direction !== 'asc' && direction !== 'desc') {
          throw new UnsupportedQuery(`order ${JSON.stringify(direction)}`);
        }
        // PostgreSQL's default NULL placement (last ascending, first descending) is Prisma's too.
        terms.push(Prisma.sql`${column(alias, name)} ${Prisma.raw(direction.toUpperCase())}`);
      }
    }
    // Without an order Prisma leaves the order to the database; the key makes it stable.
    if (terms.length === 0) {
      if (model.orderKey.length === 0) throw new UnsupportedQuery(`${model.name} has no key to order by`);
      return Prisma.join(
        model.orderKey.map((name) => column(alias, name)),
        ', ',
      );
    }
    return Prisma.join(terms, ', ');
  }

  /**
   * A Prisma `where` over `model` as SQL, for the operators our lists use. Prisma drops empty
   * conditions in ways that depend on where they stand (an empty `NOT` list matches everything
   * alone and nothing inside an `OR`), so an empty condition is compiled only where it certainly
   * means "no condition": the whole `where`, an element of `AND`, a relation's `some`/`none`.
   * Anywhere else it is left to Prisma.
   */
  where(model: ModelInfo, where: Record<string, unknown>, alias: string, emptyMeansTrue = true): Prisma.Sql {
    const conditions: Prisma.Sql[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === 'AND' || key === 'OR' || key === 'NOT') {
        const list = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
        if (list.length === 0) throw new UnsupportedQuery(`an empty ${key} list`);
        const parts = list.map((part) => this.where(model, part, alias, key === 'AND'));
        if (key === 'AND') conditions.push(all(parts));
        else if (key === 'OR') conditions.push(any(parts));
        // Prisma's NOT holds when every one of its conditions is false, not when they are not all true.
        else conditions.push(all(parts.map((part) => Prisma.sql`NOT (${part})`)));
        continue;
      }
      const field = model.fields.get(key);
      if (!field) throw new UnsupportedQuery(`filter on ${model.name}.${key}`);
      if (value === ENCLOSING_ID) {
        if (this.enclosing === undefined || field.kind === 'object' || field.type !== 'Int') {
          throw new UnsupportedQuery(`${model.name}.${key}: the enclosing row's id out of place`);
        }
        conditions.push(Prisma.sql`${column(alias, key)} = ${column(this.enclosing, 'id')}`);
        continue;
      }
      if (field.kind === 'object') conditions.push(this.relationFilter(model, field, value, alias));
      else conditions.push(scalarFilter(field, column(alias, key), value));
    }
    if (conditions.length === 0 && !emptyMeansTrue) throw new UnsupportedQuery('an empty condition in OR or NOT');
    return conditions.length ? all(conditions) : Prisma.sql`TRUE`;
  }

  private relationFilter(model: ModelInfo, field: FieldModel, filter: unknown, parent: string): Prisma.Sql {
    const entries = Object.entries((filter ?? {}) as Record<string, unknown>);
    const [operator, condition] = entries[0] ?? [];
    if (!field.isList || entries.length !== 1 || (operator !== 'some' && operator !== 'none')) {
      throw new UnsupportedQuery(`relation filter on ${model.name}.${field.name}`);
    }
    const related = modelInfo(field.type);
    const alias = this.alias();
    const join = this.join(model, field, parent, alias);
    const inner = this.where(related, condition as Record<string, unknown>, alias);
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM ${quote(related.name)} ${Prisma.raw(alias)} WHERE ${join} AND ${inner})`;
    return operator === 'some' ? exists : Prisma.sql`NOT ${exists}`;
  }
}

const noDecoding: Decoder = () => {};

/** Undoes what JSON changed of a column: timestamps come back as text, and so do a float's NaN and infinities. */
function scalarDecoder(field: FieldModel): Decoder {
  const name = field.name;
  switch (field.type) {
    case 'DateTime':
      return (row) => {
        if (typeof row[name] === 'string') row[name] = new Date(row[name]);
      };
    case 'Float':
      return (row) => {
        if (typeof row[name] === 'string') row[name] = Number(row[name]);
      };
    default:
      return noDecoding;
  }
}

/** A scalar comparison: a plain value (equals), null, or an object of Prisma's operators. */
function scalarFilter(field: FieldModel, target: Prisma.Sql, filter: unknown): Prisma.Sql {
  if (field.isList || field.type === 'Json') throw new UnsupportedQuery(`filter on ${field.type} ${field.name}`);
  if (filter === null) return Prisma.sql`${target} IS NULL`;
  if (typeof filter !== 'object' || filter instanceof Date) return Prisma.sql`${target} = ${value(field, filter)}`;
  const conditions: Prisma.Sql[] = [];
  for (const [operator, operand] of Object.entries(filter as Record<string, unknown>)) {
    if (operand === undefined) continue;
    switch (operator) {
      case 'equals':
        conditions.push(
          operand === null ? Prisma.sql`${target} IS NULL` : Prisma.sql`${target} = ${value(field, operand)}`,
        );
        break;
      case 'not':
        // Prisma's `not: value` also has NULL semantics of its own; only `not: null` is needed here.
        if (operand !== null) throw new UnsupportedQuery('not: value');
        conditions.push(Prisma.sql`${target} IS NOT NULL`);
        break;
      case 'in':
      case 'notIn': {
        if (operand instanceof SqlArray) {
          const member = Prisma.sql`${target} = ANY(${operand.sql})`;
          conditions.push(operator === 'in' ? member : Prisma.sql`NOT (${member})`);
          break;
        }
        const arrayType = field.kind === 'enum' ? `"${field.type}"[]` : SQL_ARRAY_TYPES[field.type];
        if (!arrayType || !Array.isArray(operand)) throw new UnsupportedQuery(`${operator} on ${field.type}`);
        const values = field.type === 'DateTime' ? operand.map((item) => new Date(item).toISOString()) : operand;
        const array = field.kind === 'enum' ? Prisma.sql`${values}::text[]` : Prisma.sql`${values}`;
        const member = Prisma.sql`${target} = ANY(CAST(${array} AS ${Prisma.raw(arrayType)}))`;
        conditions.push(operator === 'in' ? member : Prisma.sql`NOT (${member})`);
        break;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        if (operand === null) throw new UnsupportedQuery(`${operator}: null`);
        const sign = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[operator];
        conditions.push(Prisma.sql`${target} ${Prisma.raw(sign)} ${value(field, operand)}`);
        break;
      }
      default:
        throw new UnsupportedQuery(`filter operator ${operator}`);
    }
  }
  if (conditions.length === 0) throw new UnsupportedQuery(`an empty filter on ${field.name}`);
  return all(conditions);
}

/**
 * Conditions joined by AND (OR), in parentheses unless there is only one: every single condition
 * written here is already a unit (a comparison, IS NULL, EXISTS, or itself parenthesised).
 */
const all = (conditions: Prisma.Sql[]) =>
  conditions.length === 1 ? (conditions[0] as Prisma.Sql) : Prisma.sql`(${Prisma.join(conditions, ' AND ')})`;
const any = (conditions: Prisma.Sql[]) =>
  conditions.length === 1 ? (conditions[0] as Prisma.Sql) : Prisma.sql`(${Prisma.join(conditions, ' OR ')})`;

/** A bound value, cast where PostgreSQL cannot infer the type of a parameter (enums, timestamps). */
function value(field: FieldModel, operand: unknown): Prisma.Sql {
  if (field.kind === 'enum') return Prisma.sql`CAST(${String(operand)}::text AS ${quote(field.type)})`;
  if (field.type === 'DateTime') {
    if (!(operand instanceof Date) && typeof operand !== 'string') throw new UnsupportedQuery('a DateTime operand');
    return Prisma.sql`${operand instanceof Date ? operand.toISOString() : operand}::timestamptz`;
  }
  if (field.type === 'Int' || field.type === 'Float') {
    if (typeof operand !== 'number') throw new UnsupportedQuery(`a ${field.type} operand`);
    return Prisma.sql`${operand}`;
  }
  if (field.type === 'String' || field.type === 'Boolean') {
    if (typeof operand !== (field.type === 'String' ? 'string' : 'boolean')) {
      throw new UnsupportedQuery(`a ${field.type} operand`);
    }
    return Prisma.sql`${operand}`;
  }
  throw new UnsupportedQuery(`a ${field.type} comparison`);
}
