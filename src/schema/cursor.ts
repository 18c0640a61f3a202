import { parsePrismaCursor } from '@pothos/plugin-prisma';
import type { ArticlePosition } from '../articles/keyset.ts';
import { ARTICLE_SORT_KEYS, type ArticleOrder } from '../articles/query.ts';
import { isDatabaseId, isStorableInstant } from './input-ranges.ts';

/**
 * Lists of articles hand out keyset cursors: base64url of `A1:` and a JSON array of the order, the
 * article's value in the order's column (an ISO 8601 instant, a headline, or null) and its id. Every
 * other connection pages on an integer primary key with the Prisma plugin's `GPC:` cursors.
 */
const ARTICLE_CURSOR_PREFIX = 'A1:';

export function encodeArticleCursor({ order, value, id }: ArticlePosition): string {
  const encoded = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(`${ARTICLE_CURSOR_PREFIX}${JSON.stringify([order, encoded, id])}`).toString('base64url');
}

/** The position an article cursor names, or undefined when `cursor` is not one. */
export function decodeArticleCursor(cursor: string): ArticlePosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(ARTICLE_CURSOR_PREFIX)) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(text.slice(ARTICLE_CURSOR_PREFIX.length));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 3) return undefined;
  const [order, value, id] = parts as unknown[];
  if (typeof order !== 'string' || !Object.hasOwn(ARTICLE_SORT_KEYS, order)) return undefined;
  if (!isDatabaseId(id)) return undefined;
  const key = ARTICLE_SORT_KEYS[order as ArticleOrder];
  if (key.field === 'headline') {
    return typeof value === 'string' ? { order: order as ArticleOrder, value, id: id as number } : undefined;
  }
  if (value === null && key.nullable) return { order: order as ArticleOrder, value: null, id: id as number };
  const instant = typeof value === 'string' ? new Date(value) : undefined;
  if (!instant || !isStorableInstant(instant) || instant.toISOString() !== value) return undefined;
  return { order: order as ArticleOrder, value: instant, id: id as number };
}

/** The article id in a cursor from before keyset pagination (the Prisma plugin's id cursor), if it is one. */
export function decodeIdCursor(cursor: string): number | undefined {
  try {
    const id = parsePrismaCursor(cursor);
    return isDatabaseId(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `cursor` is one this API hands out: an article list's keyset cursor, or an id cursor. */
export function isWellFormedCursor(cursor: string): boolean {
  return decodeArticleCursor(cursor) !== undefined || decodeIdCursor(cursor) !== undefined;
}
