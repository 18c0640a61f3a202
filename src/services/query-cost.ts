import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { type GraphQLField, getNamedType, getNullableType, isListType, isObjectType } from 'graphql';

/** Items a plain list of objects (bylines, mentions, child sections) is assumed to hold. */
export const ASSUMED_LIST_LENGTH = 10;

/**
 * The cost of one field, for @pothos/plugin-complexity: every field counts 1, and what is selected
 * under it counts once per item it can return. A connection returns a page (`first`, `last`, or the
 * default page size); its `edges` list is that page again, so it multiplies by 1; any other list of
 * objects is assumed to hold ASSUMED_LIST_LENGTH items unless its field says otherwise.
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
      return { field: 1, multiplier: isEdgeList(field.name, named.name) ? 1 : ASSUMED_LIST_LENGTH };
    }
    return 1;
  };
}

/** A connection's edges are its page, already counted (search calls its edge type SearchHit). */
function isEdgeList(fieldName: string, typeName: string): boolean {
  return fieldName === 'edges' || typeName.endsWith('Edge');
}
