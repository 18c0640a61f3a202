import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  type SelectionNode,
} from 'graphql';
import { collectFields, type SelectionWalk } from '../shared/selection.ts';

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
