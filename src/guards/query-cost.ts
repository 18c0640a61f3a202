import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { searchWords } from '../search/article-search.ts';

/**
 * A field that holds a whole article body (`paragraphs`, `text`, `html`, `markdown`): as much JSON
 * as dozens of ordinary fields, so it counts as this many.
 */
export const BODY_FIELD_COST = 20;

/** Items a plain list of objects (bylines, mentions, child sections) is assumed to hold. */
export const ASSUMED_LIST_LENGTH = 10;

/**
 * The cost of one field, for @pothos/plugin-complexity: every field counts 1, and what is selected
 * under it counts once per item it can return. A connection returns a page (`first`, `last`, or the
 * default page size); its `edges` list is that page again, so it multiplies by 1; any other list of
 * objects holds the size it was asked for (`first`, `limit`), or else is assumed to hold
 * ASSUMED_LIST_LENGTH items.
 */
export function connectionAwareFieldCost(pageSizes: { default: number; max: number }) {
  return <Context>(
    args: Record<string, unknown>,
    _context: Context,
    field: GraphQLField<unknown, Context>,
  ): FieldComplexityValue => {
    const type = getNullableType(field.type);
    const named = getNamedType(type);
    if (isObjectType(named) && named.name.endsWith('Connection') && field.args.some((arg) => arg.name === 'first')) {
      const requested = Number(args.first ?? args.last ?? pageSizes.default);
      // An out-of-range page size gets its own error (first/last validation); price it at the maximum.
      const pageSize =
        Number.isInteger(requested) && requested >= 0 ? Math.min(requested, pageSizes.max) : pageSizes.max;
      return { field: 1, multiplier: pageSize };
    }
    if (isListType(type) && isObjectType(named)) {
      if (isEdgeList(field.name, named.name)) return { field: 1, multiplier: 1 };
      return { field: 1, multiplier: requestedLength(args, field.args) ?? ASSUMED_LIST_LENGTH };
    }
    return 1;
  };
}

/**
 * A list that takes its own size (`first`, `limit`) holds up to that many items. An out-of-range
 * size gets its own validation error; it is priced as asked, so a huge one is refused here too.
 */
function requestedLength(args: Record<string, unknown>, declared: readonly { name: string }[]): number | undefined {
  for (const name of ['first', 'limit']) {
    if (!declared.some((arg) => arg.name === name)) continue;
    const requested = Number(args[name]);
    return Number.isInteger(requested) && requested >= 0 ? requested : undefined;
  }
  return undefined;
}

/** A connection's edges are its page, already counted (search's is SearchEdge). */
function isEdgeList(fieldName: string, typeName: string): boolean {
  return fieldName === 'edges' || typeName.endsWith('Edge');
}

// ---------------------------------------------------------------------------------------------
// Scans: work a field does besides returning its items.
//
// The field prices above count what a response can hold. Some fields also read every article
// they match, however few items they return: a connection's `totalCount`, a facet list, and a
// search, whose words each read their own index entries. Those are priced here, once per time
// the field runs, and added to the field prices (guards/use-query-cost.ts).

/** One pass over the articles a count or a facet list matches. */
export const SCAN_COST = 200;
/** Each word of a search reads its own entries in the search index, on top of one scan. */
export const SEARCH_WORD_COST = 200;
const searchScan = (query: unknown) =>
  SCAN_COST + SEARCH_WORD_COST * (typeof query === 'string' ? searchWords(query).length : 0);

/**
 * What one run of a field scans. `enclosing` holds the arguments of the field that returned its
 * parent object (the `search` above a `SearchConnection`, the `facets` above a facet list).
 */
function scanOf(
  parent: GraphQLObjectType | GraphQLInterfaceType,
  field: string,
  args: Arguments,
  enclosing: Arguments,
): number {
  if (parent.name === 'Query' && field === 'search') return searchScan(args.query);
  // Sums the window's hourly counts of every article read in it, however few it returns.
  if (parent.name === 'Query' && field === 'mostRead') return SCAN_COST;
  if (parent.name === 'SearchConnection' && field === 'totalCount') return searchScan(enclosing.query);
  if (parent.name === 'ArticleFacets') return SCAN_COST + (enclosing.query == null ? 0 : searchScan(enclosing.query));
  if (field === 'totalCount' && parent.name.endsWith('Connection')) return SCAN_COST;
  return 0;
}

type Arguments = Record<string, unknown>;

/** The scans an operation makes, each multiplied by the times its field can run. */
export function scanCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  pageSizes: { default: number; max: number },
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const fieldCost = connectionAwareFieldCost(pageSizes);

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType,
    runs: number,
    enclosing: Arguments,
    connectionPage: number,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (condition) total += walk(fragment.selectionSet, condition, runs, enclosing, connectionPage);
        continue;
      }
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      let args: Arguments;
      try {
        args = getArgumentValues(field, selection, variables);
      } catch {
        continue; // invalid arguments get their own error when the operation is validated
      }
      total += runs * scanOf(parent, field.name, args, enclosing);
      if (!selection.selectionSet) continue;
      // A connection's items are its page; its other fields (totalCount, pageInfo) run once.
      const isItems = connectionPage > 0 && (field.name === 'edges' || field.name === 'nodes');
      const declared = field.extensions?.complexity as
        | ((args: Arguments, context: object, field: unknown) => FieldComplexityValue)
        | FieldComplexityValue
        | undefined;
      const price =
        typeof declared === 'function' ? declared(args, {}, field) : (declared ?? fieldCost(args, {}, field));
      const multiplier = typeof price === 'object' ? (price.multiplier ?? 1) : 1;
      const named = getNamedType(field.type);
      const isConnection = named.name.endsWith('Connection') && isObjectType(named);
      const childRuns = runs * (isItems ? connectionPage : isConnection ? 1 : Math.max(multiplier, 1));
      total += walk(selection.selectionSet, named, childRuns, args, isConnection ? Math.max(multiplier, 1) : 0);
    }
    return total;
  };
  return walk(operation.selectionSet, root, 1, {}, 0);
}
