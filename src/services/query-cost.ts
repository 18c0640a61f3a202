import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { type GraphQLField, getNamedType, getNullableType, isListType, isObjectType } from 'graphql';

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

/** A connection's edges are its page, already counted (search calls its edge type SearchHit). */
function isEdgeList(fieldName: string, typeName: string): boolean {
  return fieldName === 'edges' || typeName.endsWith('Edge');
}
