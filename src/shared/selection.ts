import { type FieldNode, type FragmentDefinitionNode, Kind, type SelectionNode, type SelectionSetNode } from 'graphql';

export type SelectionWalk = {
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Whether a field, inline fragment or fragment spread counts (its directives); every one when left out. */
  included?: (selection: SelectionNode) => boolean;
  /** Whether a fragment with this type condition applies; every one when left out. */
  applies?: (typeCondition: string) => boolean;
};

/**
 * graphql-js's field collection: the fields of `selectionSets`, through inline fragments and named
 * fragments, grouped by response key (the alias, or the field's name), in the order graphql-js
 * would answer them. As in graphql-js, a named fragment spread more than once is collected once.
 */
export function collectFields(
  selectionSets: readonly (SelectionSetNode | undefined)[],
  walk: SelectionWalk,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const set of selectionSets) if (set) collectInto(set, walk, fields, visited);
  return fields;
}

function collectInto(
  selectionSet: SelectionSetNode,
  walk: SelectionWalk,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
) {
  for (const selection of selectionSet.selections) {
    if (walk.included && !walk.included(selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const nodes = fields.get(key);
      if (nodes) nodes.push(selection);
      else fields.set(key, [selection]);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selection.typeCondition && walk.applies && !walk.applies(selection.typeCondition.name.value)) continue;
      collectInto(selection.selectionSet, walk, fields, visited);
      continue;
    }
    const name = selection.name.value;
    if (visited.has(name)) continue;
    visited.add(name);
    // A validated document defines every fragment it spreads.
    const fragment = walk.fragments[name];
    if (!fragment || (walk.applies && !walk.applies(fragment.typeCondition.name.value))) continue;
    collectInto(fragment.selectionSet, walk, fields, visited);
  }
}
