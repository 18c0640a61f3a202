import type { Prisma } from '../../generated/prisma/client.ts';
import { ARTICLE_SORT_KEYS, type ArticleOrder } from './query.ts';

/** Where an article sits in an order: its value in the order's column, and its id. */
export type ArticlePosition = { order: ArticleOrder; value: Date | string | null; id: number };

export type ArticleSortRow = { id: number; publishedAt?: Date | null; headline?: string; updatedAt?: Date };

export function articlePosition(order: ArticleOrder, row: ArticleSortRow): ArticlePosition {
  const value = row[ARTICLE_SORT_KEYS[order].field];
  if (value === undefined) throw new Error(`The ${order} position needs ${ARTICLE_SORT_KEYS[order].field}`);
  return { order, value, id: row.id };
}

/** The columns `articlePosition` reads, for the select of a page in `order`. */
export function articlePositionSelect(order: ArticleOrder): Record<string, true> {
  return { id: true, [ARTICLE_SORT_KEYS[order].field]: true };
}

/**
 * Articles that come after (or before) `position` in its order: `column beyond value, or equal and
 * id beyond id`. The position need not be an article that still exists or is visible. The condition
 * is written `column at-or-beyond value AND (column beyond value OR (column equal value AND id
 * beyond id))`, so that PostgreSQL starts its index scan at the position instead of reading the
 * list from the top. The equality inside is redundant for the rows but not for PostgreSQL's
 * estimate: with the shorter `(column beyond value OR id beyond id)` it priced the generic plan of a
 * page's prepared statement above its custom plans and planned the statement again on every call
 * (docs/performance.md, "Plans PostgreSQL keeps").
 *
 * PostgreSQL sorts NULL above every value (see articleOrderBy). `nullsVisible` false leaves out the
 * branch that adds the NULL rows, for viewers whose condition excludes them anyway (anonymous
 * clients see no unscheduled draft): an `OR column IS NULL` would keep the index from bounding the scan.
 */
export function articlesBeyond(
  position: ArticlePosition,
  side: 'after' | 'before',
  nullsVisible: boolean,
): Prisma.ArticleWhereInput {
  const key = ARTICLE_SORT_KEYS[position.order];
  const upwards = (key.direction === 'asc') === (side === 'after');
  const column = (condition: unknown) => ({ [key.field]: condition }) as Prisma.ArticleWhereInput;
  const idBeyond: Prisma.ArticleWhereInput = { id: upwards ? { gt: position.id } : { lt: position.id } };
  if (position.value === null) {
    // Above NULL there are only NULLs with a larger id; below it, every value and the NULLs with a smaller id.
    return upwards
      ? { AND: [column(null), idBeyond] }
      : { OR: [column({ not: null }), { AND: [column(null), idBeyond] }] };
  }
  const value = position.value;
  const beyond: Prisma.ArticleWhereInput = {
    AND: [
      column(upwards ? { gte: value } : { lte: value }),
      { OR: [column(upwards ? { gt: value } : { lt: value }), { AND: [column(value), idBeyond] }] },
    ],
  };
  return upwards && key.nullable && nullsVisible ? { OR: [beyond, column(null)] } : beyond;
}
