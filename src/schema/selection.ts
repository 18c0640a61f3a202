import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Names of the fields the operation selects at `path` (field names, aliases ignored) below the
 * field being resolved, through fragments, leaving out what `@skip` or `@include` turn off.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    fields = fields.flatMap((field) => subfields(field.selectionSet, info).filter((sub) => sub.name.value === name));
  }
  return new Set(fields.flatMap((field) => subfields(field.selectionSet, info)).map((field) => field.name.value));
}

function subfields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode[] {
  return (selectionSet?.selections ?? [])
    .filter((selection) => included(selection, info))
    .flatMap((selection) =>
      selection.kind === Kind.FIELD
        ? [selection]
        : subfields(
            selection.kind === Kind.INLINE_FRAGMENT
              ? selection.selectionSet
              : info.fragments[selection.name.value]?.selectionSet,
            info,
          ),
    );
}

function included(selection: SelectionNode, info: GraphQLResolveInfo): boolean {
  return (
    getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false
  );
}
