import {
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import type { FieldPlan, SelectionPlan } from './direct-plan.ts';
import { databaseEnumValues, modelField, type ResponseField, ResponseText, readsAs } from './json-statement.ts';
import { typeInternals } from './pothos-internals.ts';

/**
 * Marks, once per document, every planned object PostgreSQL can write as response text: sets each
 * field's `responseText` below `selection`, deepest first. An object qualifies when it is a Prisma
 * model's row and every field selected on it is its typename, a column whose GraphQL value is the
 * column's own (a string, integer, boolean or enum as stored, a timestamp as `Date.toISOString`
 * writes it) or a relation without arguments to rows that qualify in turn. A null where the schema
 * promises none, a value the type would refuse, a resolver that computes anything: each keeps the
 * object on the walk, where graphql-js's rules apply.
 */
export function markWrittenObjects(selection: SelectionPlan): void {
  for (const field of selection.fields) {
    if (!field.selection) continue;
    markWrittenObjects(field.selection);
    const fields = responseFieldsOf(field.selection);
    field.responseText = fields && new ResponseText(fields);
  }
}

function responseFieldsOf(selection: SelectionPlan): ResponseField[] | undefined {
  const model = typeInternals(selection.type).prismaModel;
  if (!model || selection.type.isTypeOf) return undefined;
  const fields: ResponseField[] = [];
  for (const field of selection.fields) {
    // Keys such as the response cache's `__responseCacheTypeName` are taken out of the walked
    // result by their owner, which cannot reach into text.
    if (field.responseKey.startsWith('__') && field.responseKey !== '__typename') return undefined;
    const written = responseFieldOf(model, field);
    if (!written) return undefined;
    fields.push(written);
  }
  return fields;
}

function responseFieldOf(model: string, field: FieldPlan): ResponseField | undefined {
  const key = field.responseKey;
  if (field.kind === 'typename') return { key, kind: 'literal', json: JSON.stringify(field.parentType.name) };
  if (field.field.args.length > 0) return undefined;
  const type = field.field.type;
  if (field.relation !== undefined) {
    const relation = modelField(model, field.relation);
    if (relation?.kind !== 'object' || !field.selection) return undefined;
    if (typeInternals(field.selection.type).prismaModel !== relation.type) return undefined;
    // A to-many relation is always a list; a to-one may be null only where the schema allows it.
    if (relation.isList !== isListType(getNullableType(type))) return undefined;
    if (!relation.isList && isNonNullType(type) && !relation.isRequired) return undefined;
    // The rows below were marked first.
    const fields = field.responseText?.fields;
    return fields && { key, kind: 'relation', relation: field.relation, fields };
  }
  if (field.wantsInfo || field.selection) return undefined;
  const name = columnRead(field.resolve);
  const column = name === undefined ? undefined : modelField(model, name);
  if (!column || (isNonNullType(type) && !column.isRequired)) return undefined;
  const format = formatOf(getNullableType(type));
  if (!format || !readsAs(column, format)) return undefined;
  if (format === 'json' && !sameValues(getNullableType(type), column)) return undefined;
  return { key, kind: 'column', column: column.name, format };
}

/** How a leaf type's values are written, when they are the column's own; undefined otherwise. */
function formatOf(type: GraphQLOutputType): 'json' | 'instant' | undefined {
  if (isEnumType(type)) return type.getValues().every((value) => value.value === value.name) ? 'json' : undefined;
  if (!isScalarType(type)) return undefined;
  if (isSpecifiedScalarType(type)) return ['String', 'Int', 'Boolean'].includes(type.name) ? 'json' : undefined;
  return serializesAsIsoInstant((value) => type.serialize(value)) ? 'instant' : undefined;
}

/** A String, Int or Boolean field over a column of that type, or an enum holding every value the column can. */
function sameValues(type: GraphQLOutputType, column: NonNullable<ReturnType<typeof modelField>>): boolean {
  if (isEnumType(type)) {
    if (column.kind !== 'enum') return false;
    const names = new Set(type.getValues().map((value) => value.name));
    const values = databaseEnumValues(column.type);
    return !!values && values.every((value) => names.has(value));
  }
  return column.kind === 'scalar' && column.type === (type as { name: string }).name;
}

/** Instants a DateTime column can hold, at its edges and between. */
const SAMPLE_INSTANTS = [
  0,
  Date.UTC(1, 0, 1),
  Date.UTC(2026, 2, 14, 9, 45, 0, 7),
  Date.UTC(9999, 11, 31, 23, 59, 59, 999),
];

function serializesAsIsoInstant(serialize: (value: unknown) => unknown): boolean {
  try {
    // graphql-scalars' DateTime hands back the Date itself, which the response's JSON writes so.
    return SAMPLE_INSTANTS.every(
      (time) => JSON.stringify(serialize(new Date(time))) === JSON.stringify(new Date(time).toISOString()),
    );
  } catch {
    return false;
  }
}

/**
 * The property of its parent row a resolver returns as it is, found by calling it on rows that
 * record what is read, with a context that refuses every read: once with a stand-in in every
 * property that refuses to be used in any way (read, compared as a string, converted) and once
 * with null in every one. A resolver that reads one property and returns that value unchanged
 * both times is a column read; any other (one that computes, tests or branches on the value,
 * awaits, reads its context or its arguments) is not.
 */
export function columnRead(resolve: GraphQLFieldResolver<unknown, unknown>): string | undefined {
  const withValues = probe(resolve, standIn);
  if (!withValues) return undefined;
  const withNulls = probe(resolve, () => null);
  return withNulls?.key === withValues.key ? withValues.key : undefined;
}

const refuse = () => {
  throw new Error('not a column read');
};

/** A value whose every use throws: reading a property, converting it, testing it against a pattern. */
function standIn(): object {
  return new Proxy(Object.freeze({}), {
    get: refuse,
    has: refuse,
    ownKeys: refuse,
    getPrototypeOf: refuse,
    getOwnPropertyDescriptor: refuse,
  });
}

function probe(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  propertyValue: () => object | null,
): { key: string } | undefined {
  const reads: PropertyKey[] = [];
  const values: (object | null)[] = [];
  const row = new Proxy(
    {},
    {
      get: (_target, key) => {
        const value = propertyValue();
        reads.push(key);
        values.push(value);
        return value;
      },
    },
  );
  const context = new Proxy({}, { get: refuse, has: refuse, ownKeys: refuse });
  try {
    const value = resolve(row, {}, context, undefined as never);
    const [key] = reads;
    // Compared before anything else touches it: the stand-in refuses even `.then`.
    if (reads.length === 1 && typeof key === 'string' && value === values[0]) return { key };
    if (typeof (value as PromiseLike<unknown> | null)?.then === 'function') {
      // An asynchronous resolver is no column read; its refusal must not go unhandled.
      Promise.resolve(value).catch(() => {});
    }
    return undefined;
  } catch {
    return undefined;
  }
}
