import { queryFromInfo } from '@pothos/plugin-prisma';
import {
  type FieldNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isObjectType,
  type SelectionNode,
} from 'graphql';
import type { Context } from '../context.ts';
import { childMemo, FIELD_MEMO, plannedOnce } from '../shared/field-memo.ts';
import { collectFields, type SelectionWalk } from '../shared/selection.ts';
import { childPlanOf, withWrittenResponses } from '../shared/written-selection.ts';

/**
 * Names of the fields the operation selects at `path` (field names, aliases ignored) below the
 * field being resolved, through fragments, leaving out what `@skip` or `@include` turn off.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const walk: SelectionWalk = { fragments: info.fragments, included: (selection) => included(selection, info) };
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    fields = subfields(fields, walk).filter((sub) => sub.name.value === name);
  }
  return new Set(subfields(fields, walk).map((field) => field.name.value));
}

function subfields(fields: readonly FieldNode[], walk: SelectionWalk): FieldNode[] {
  return [
    ...collectFields(
      fields.map((field) => field.selectionSet),
      walk,
    ).values(),
  ].flat();
}

function included(selection: SelectionNode, info: GraphQLResolveInfo): boolean {
  return (
    getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false
  );
}

/**
 * A connection's node selection (Pothos's `select` or `include` for its rows) with what PostgreSQL
 * may write of the nodes, or of the relations below them, as response text (`withWrittenResponses`);
 * a written row carries only `rowColumns` beside its text. Not when `nodes` is selected too: it
 * reads the same rows as `edges.node`.
 */
export function withConnectionNodesWritten<S extends { select?: object; include?: object }>(
  selection: S,
  info: GraphQLResolveInfo,
  rowColumns: readonly string[],
): S {
  if (selectedFieldNames(info).has('nodes')) return selection;
  return withWrittenResponses(selection, info, ['edges', 'node'], rowColumns);
}

/**
 * What `t.prismaField` hands its resolver: Pothos's selection (columns and relations) for the
 * field's Prisma rows. Under direct execution it is worked out once per field of a document, as a
 * page of articles plans its own (planPage in article-connection.ts says why that depends on the
 * document alone); under graphql-js per request, where Pothos also records what the rows'
 * relation fields read.
 */
export function prismaQuery<Query extends object>(context: Context, info: GraphQLResolveInfo): Promise<Query> {
  return plannedOnce(info, 'prismaQuery', async () =>
    withWrittenResponses((await queryFromInfo({ context, info, awaitSelections: true })) as Query & object, info, []),
  );
}

/**
 * Under direct execution, the field named `fieldName` that the operation selects once (one
 * response key) below the field being resolved, as its own resolver will see it: its `info`
 * (with a memo of its own, kept in this field's) and its arguments. Undefined under graphql-js,
 * where each field plans its own, and when it is selected under no key or several.
 */
export function selectedChildField(
  info: GraphQLResolveInfo,
  fieldName: string,
): { info: GraphQLResolveInfo; args: Record<string, unknown> } | undefined {
  const memo = childMemo(info, `child:${fieldName}`);
  if (!memo) return undefined;
  let child = memo.get(CHILD_FIELD) as ChildField | null | undefined;
  if (child === undefined) {
    child = childField(info, fieldName);
    memo.set(CHILD_FIELD, child);
  }
  if (!child) return undefined;
  const { responseKey, field, fieldNodes, parentType } = child;
  const childInfo: GraphQLResolveInfo & { [FIELD_MEMO]: Map<string, unknown> } = {
    fieldName,
    fieldNodes,
    returnType: field.type,
    parentType,
    path: { prev: info.path, key: responseKey, typename: parentType.name },
    schema: info.schema,
    fragments: info.fragments,
    rootValue: info.rootValue,
    operation: info.operation,
    variableValues: info.variableValues,
    [FIELD_MEMO]: memo,
    ...childPlanOf(info, responseKey),
  };
  return { info: childInfo, args: getArgumentValues(field, fieldNodes[0] as FieldNode, info.variableValues) };
}

type ChildField = {
  responseKey: string;
  field: GraphQLField<unknown, unknown>;
  fieldNodes: FieldNode[];
  parentType: GraphQLObjectType;
};

/** Where the child's memo keeps how the document selects it (its other keys are the child's own). */
const CHILD_FIELD = '\u0000field';

/** How the document selects the child field, which depends on the document alone; null when not once. */
function childField(info: GraphQLResolveInfo, fieldName: string): ChildField | null {
  const parentType = getNamedType(info.returnType);
  if (!isObjectType(parentType)) return null;
  const field = parentType.getFields()[fieldName];
  if (!field) return null;
  // A direct plan has no directives, so every selection is included.
  const selected = [
    ...collectFields(
      info.fieldNodes.map((node) => node.selectionSet),
      { fragments: info.fragments },
    ),
  ].filter(([, nodes]) => nodes[0]?.name.value === fieldName);
  const [only] = selected;
  if (selected.length !== 1 || !only) return null;
  return { responseKey: only[0], field, fieldNodes: only[1], parentType };
}
