import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getArgumentValues,
  getVariableValues,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { FIELD_MEMO } from '../shared/field-memo.ts';
import {
  type FallbackReason,
  type FieldPlan,
  NotPlanned,
  type OperationPlan,
  planOperation,
  type SelectionPlan,
} from './direct-plan.ts';
import { RESPONSE_TEXT_KEY, withResponseText } from './json-statement.ts';
import { markWrittenObjects } from './response-plan.ts';
import { stringifyResult, WrittenResponse } from './written-response.ts';

/** Something graphql-js would answer differently (an error, a null in a non-null field): it runs the operation instead. */
class LeaveToGraphQL extends Error {}

type Path = GraphQLResolveInfo['path'];

type Run = {
  plan: OperationPlan;
  schema: GraphQLSchema;
  context: unknown;
  rootValue: unknown;
  variables: Record<string, unknown>;
  /** Aborted when nobody waits for the answer any more; no resolver is called after that. */
  signal: AbortSignal | undefined;
  args: Map<FieldPlan, Record<string, unknown>>;
  infos: Map<FieldPlan, SharedInfo>;
  /** Whether the result holds a response PostgreSQL wrote. */
  written: boolean;
};

type SharedInfo = Omit<GraphQLResolveInfo, 'path'> & { memo: Map<string, unknown>; plan: FieldPlan };

/** The property of a direct execution's `info` that holds the field's plan. */
const FIELD_PLAN = Symbol('lede.fieldPlan');

/**
 * Under direct execution, `selection` (Pothos's `select` or `include` for the rows the field being
 * resolved reads for the object it selects at `path`: field names, each selected under one key
 * only) with every part PostgreSQL can write as response text asking for it (`ResponseText`):
 * the rows themselves, or else the relations below them that qualify. `rowColumns`: the only
 * columns of a written row the resolver reads beside its response. Under graphql-js, `selection`.
 */
export function withWrittenResponses<S extends Selection>(
  selection: S,
  info: GraphQLResolveInfo,
  path: readonly string[],
  rowColumns?: readonly string[],
): S {
  let plan = (info as { [FIELD_PLAN]?: FieldPlan })[FIELD_PLAN];
  for (const name of path) {
    const selected = plan?.selection?.fields.filter((field) => field.kind !== 'typename' && field.field.name === name);
    if (selected?.length !== 1) return selection;
    plan = selected[0];
  }
  if (!plan) return selection;
  if (plan.responseText) {
    return withResponseText(selection, rowColumns ? plan.responseText.beside(rowColumns) : plan.responseText);
  }
  return withWrittenRelations(selection, plan);
}

type Selection = { select?: object; include?: object };

/**
 * For an `info` a resolver builds for a field below it that it plans itself (src/schema/selection.ts's
 * `selectedChildField`): the child's plan, to spread into that `info`, so that `withWrittenResponses`
 * works there as in the child's own. Empty under graphql-js.
 */
export function childPlanOf(info: GraphQLResolveInfo, responseKey: string): object {
  const plan = (info as { [FIELD_PLAN]?: FieldPlan })[FIELD_PLAN];
  const child = plan?.selection?.fields.find((field) => field.responseKey === responseKey);
  return child ? { [FIELD_PLAN]: child } : {};
}

/** `selection` with the relations below `plan` that PostgreSQL can write asking for it, read for nothing else. */
function withWrittenRelations<S extends Selection>(selection: S, plan: FieldPlan): S {
  const part = (selection.select ?? selection.include) as Record<string, unknown> | undefined;
  if (!part || !plan.selection) return selection;
  let changed: Record<string, unknown> | undefined;
  for (const field of plan.selection.fields) {
    if (field.relation === undefined || !field.selection) continue;
    // A relation another field also reads (by its `select`) must stay rows.
    if (plan.selection.fields.some((other) => other !== field && other.loadedKeys.includes(field.relation as string)))
      continue;
    const args = part[field.relation];
    if (args === undefined || args === false) continue;
    const relationArgs = (args === true ? { include: {} } : args) as Selection;
    const written = field.responseText
      ? withResponseText(relationArgs, field.responseText.beside([]))
      : withWrittenRelations(relationArgs, field);
    if (written === relationArgs) continue;
    changed ??= { ...part };
    changed[field.relation] = written;
  }
  if (!changed) return selection;
  return selection.select ? { ...selection, select: changed } : { ...selection, include: changed };
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/**
 * The plans of the operations of parsed documents (Yoga's parse cache hands the same document back
 * for the same text), or why graphql-js runs those it leaves to it.
 */
export class DirectPlans {
  private plans = new WeakMap<DocumentNode, Map<string, OperationPlan | FallbackReason>>();

  constructor(private schema: GraphQLSchema) {}

  get(document: DocumentNode, operationName?: string | null): OperationPlan | FallbackReason {
    let byName = this.plans.get(document);
    if (!byName) {
      byName = new Map();
      this.plans.set(document, byName);
    }
    const key = operationName ?? '';
    let plan = byName.get(key);
    if (plan === undefined) {
      try {
        plan = planOperation(this.schema, document, operationName);
        markWrittenObjects(plan.root);
      } catch (error) {
        if (!(error instanceof NotPlanned)) throw error;
        plan = error.reason;
      }
      byName.set(key, plan);
    }
    return plan;
  }
}

/**
 * Runs a planned query the way graphql-js would, calling the same resolvers, but without
 * graphql-js's per-field bookkeeping and without asking Pothos's query plan, row by row, whether
 * a relation was loaded: the row says so itself. Resolves to why, when graphql-js must run the
 * operation after all, so every error a client sees comes from graphql-js. When the request's
 * signal aborts, no further resolver is called and the execution rejects with the signal's
 * reason, as graphql-js's does.
 */
export async function executeDirectly(
  args: ExecutionArgs & { signal?: AbortSignal },
  plan: OperationPlan,
): Promise<ExecutionResult | FallbackReason> {
  args.signal?.throwIfAborted();
  const variables = getVariableValues(args.schema, plan.operation.variableDefinitions ?? [], args.variableValues ?? {});
  if (variables.errors) return 'invalid_variables';
  const run: Run = {
    plan,
    schema: args.schema,
    context: args.contextValue,
    rootValue: args.rootValue,
    variables: variables.coerced,
    signal: args.signal,
    args: new Map(),
    infos: new Map(),
    written: false,
  };
  try {
    const data = await completeObject(run, plan.root, args.rootValue, undefined);
    // Yoga serialises a result with its own `stringify` where there is one.
    const result: ExecutionResult & { stringify?: (result: unknown) => string } = {
      data: data as Record<string, unknown>,
    };
    if (run.written) result.stringify = stringifyResult;
    return result;
  } catch (error) {
    args.signal?.throwIfAborted();
    // LeaveToGraphQL, or a resolver's own failure: graphql-js runs the operation again and
    // reports it as it always does.
    return error instanceof LeaveToGraphQL ? 'unplanned_value' : 'resolver_error';
  }
}

function completeObject(run: Run, selection: SelectionPlan, parent: unknown, path: Path | undefined): unknown {
  const out: Record<string, unknown> = {};
  // Most objects have no pending field: their list is made only when one is.
  let pending: PromiseLike<void>[] | undefined;
  const typename = selection.type.name;
  // Every resolver that may send a statement is called here: none once the request is abandoned.
  run.signal?.throwIfAborted();
  for (const field of selection.fields) {
    if (field.kind === 'typename') {
      out[field.responseKey] = typename;
      continue;
    }
    if (field.kind === 'loaded') {
      for (const key of field.loadedKeys) {
        if ((parent as Record<string, unknown>)[key] === undefined) throw new LeaveToGraphQL(`${key} not loaded`);
      }
    }
    // Paths are only read through `info` and by the fields below an object.
    const fieldPath = (
      field.wantsInfo || field.selection ? { prev: path, key: field.responseKey, typename } : path
    ) as Path;
    const value = field.resolve(
      parent,
      argumentsOf(run, field),
      run.context,
      // A resolver that declares no `info` parameter gets none: building one per row costs time.
      field.wantsInfo ? infoOf(run, field, fieldPath) : (undefined as unknown as GraphQLResolveInfo),
    );
    const completed = completeValue(run, field, field.field.type, value, fieldPath);
    if (isThenable(completed)) {
      out[field.responseKey] = undefined;
      pending ??= [];
      pending.push(assignWhenDone(out, field.responseKey, completed));
    } else {
      out[field.responseKey] = completed;
    }
  }
  return pending ? allThen(pending, out) : out;
}

// The callbacks live in helpers of their own: a closure in `completeObject` or `completeValue` would
// make V8 allocate a context for their variables on every call, pending or not.
function assignWhenDone(out: Record<string, unknown>, key: string, completed: PromiseLike<unknown>) {
  return completed.then((resolved) => {
    out[key] = resolved;
  });
}

function allThen(pending: PromiseLike<void>[], out: Record<string, unknown>) {
  return Promise.all(pending).then(() => out);
}

function completeWhenResolved(
  run: Run,
  field: FieldPlan,
  type: GraphQLOutputType,
  value: PromiseLike<unknown>,
  path: Path,
) {
  return Promise.resolve(value).then((resolved) => completeValue(run, field, type, resolved, path));
}

function nonNullWhenResolved(completed: PromiseLike<unknown>) {
  return Promise.resolve(completed).then(nonNull);
}

function completeValue(run: Run, field: FieldPlan, type: GraphQLOutputType, value: unknown, path: Path): unknown {
  if (isThenable(value)) return completeWhenResolved(run, field, type, value, path);
  if (value instanceof Error) throw new LeaveToGraphQL('a resolver returned an error');
  if (isNonNullType(type)) {
    const completed = completeValue(run, field, type.ofType, value, path);
    if (isThenable(completed)) return nonNullWhenResolved(completed);
    return nonNull(completed);
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) throw new LeaveToGraphQL('a list that is not an array');
    let anyPending = false;
    const items = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) {
      const itemPath = field.selection ? ({ prev: path, key: index, typename: undefined } as Path) : path;
      const completed = completeValue(run, field, type.ofType, value[index], itemPath);
      if (isThenable(completed)) anyPending = true;
      items[index] = completed;
    }
    return anyPending ? Promise.all(items) : items;
  }
  if (isLeafType(type)) {
    const serialized = type.serialize(value);
    if (serialized === undefined) throw new LeaveToGraphQL(`${type.name} could not serialize a value`);
    return serialized;
  }
  if (!isObjectType(type) || !field.selection) throw new LeaveToGraphQL('an unplanned type');
  if (field.responseText) {
    const written = (value as Record<string, unknown>)[RESPONSE_TEXT_KEY];
    if (written instanceof WrittenResponse && written.shape === field.responseText.shape) {
      run.written = true;
      return written;
    }
  }
  if (type.isTypeOf && !type.isTypeOf(value, run.context, infoOf(run, field, path))) {
    throw new LeaveToGraphQL(`not a ${type.name}`);
  }
  return completeObject(run, field.selection, value, path);
}

function nonNull(value: unknown) {
  if (value === null || value === undefined) throw new LeaveToGraphQL('null in a non-null field');
  return value;
}

const NO_ARGUMENTS: Record<string, unknown> = {};

/** A field's arguments do not change from row to row: coerced once per request. */
function argumentsOf(run: Run, field: FieldPlan): Record<string, unknown> {
  if (field.field.args.length === 0) return NO_ARGUMENTS;
  let args = run.args.get(field);
  if (!args) {
    args = getArgumentValues(
      field.field,
      field.fieldNodes[0] as NonNullable<FieldPlan['fieldNodes'][0]>,
      run.variables,
    );
    run.args.set(field, args);
  }
  return args;
}

function infoOf(run: Run, field: FieldPlan, path: Path): GraphQLResolveInfo {
  let shared = run.infos.get(field);
  if (!shared) {
    shared = {
      fieldName: field.field.name,
      fieldNodes: field.fieldNodes,
      returnType: field.field.type,
      parentType: field.parentType,
      schema: run.schema,
      fragments: run.plan.fragments,
      rootValue: run.rootValue,
      operation: run.plan.operation,
      variableValues: run.variables,
      memo: field.memo,
      plan: field,
    };
    run.infos.set(field, shared);
  }
  return new ResolveInfo(shared, path);
}

/** The `info` of one field of one row; a class, as V8 builds those faster than spread objects. */
class ResolveInfo implements GraphQLResolveInfo {
  readonly fieldName;
  readonly fieldNodes;
  readonly returnType;
  readonly parentType;
  readonly schema;
  readonly fragments;
  readonly rootValue;
  readonly operation;
  readonly variableValues;
  /** The field's memo, for its resolver (src/shared/field-memo.ts). */
  readonly [FIELD_MEMO]: Map<string, unknown>;
  readonly [FIELD_PLAN]: FieldPlan;

  constructor(
    shared: SharedInfo,
    readonly path: Path,
  ) {
    this.fieldName = shared.fieldName;
    this.fieldNodes = shared.fieldNodes;
    this.returnType = shared.returnType;
    this.parentType = shared.parentType;
    this.schema = shared.schema;
    this.fragments = shared.fragments;
    this.rootValue = shared.rootValue;
    this.operation = shared.operation;
    this.variableValues = shared.variableValues;
    this[FIELD_MEMO] = shared.memo;
    this[FIELD_PLAN] = shared.plan;
  }
}
