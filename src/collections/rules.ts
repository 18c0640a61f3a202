// What a collection is and how its slots fill: the shape of its items and backfill rule, the
// limits on its fields, the editors' operations on items (pins hold their slot, the other items
// flow around them) and how the shown slots are worked out from items and backfill.
import type { ArticleFilter } from '../articles/query.ts';
import { type FieldProblem, NotFoundError, ValidationError } from '../shared/errors.ts';

export const MIN_COLLECTION_SIZE = 1;
export const MAX_COLLECTION_SIZE = 50;
export const MAX_COLLECTION_TITLE_CHARACTERS = 200;
export const MAX_COLLECTION_SLUG_CHARACTERS = 100;
/** Lowercase words and hyphens, in parts separated by single slashes: `front/top`, `politics/top`. */
const COLLECTION_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*(\/[a-z0-9]+(-[a-z0-9]+)*)*$/;

/** An article an editor placed: a pinned one holds its slot; the others fill free slots in order. */
export type CollectionItem = { articleId: number; pinned: boolean; position: number };

export type BackfillRule = 'NONE' | 'SECTION' | 'FILTER';
/** How the slots editors leave empty are filled: newest first, from the section tree or a filter. */
export type Backfill = { rule: BackfillRule; filter?: ArticleFilter };

/** What one revision of a collection shows. */
export type CollectionContent = { title: string; size: number; backfill: Backfill; items: CollectionItem[] };

/** A backfill rule as stored (JSON): the filter's instants come back as strings. */
export function backfillFromJson(json: unknown): Backfill {
  const stored = json as { rule: BackfillRule; filter?: Record<string, unknown> };
  if (!stored.filter) return { rule: stored.rule };
  const instant = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);
  const filter = stored.filter as ArticleFilter;
  return {
    rule: stored.rule,
    filter: {
      ...filter,
      publishedAfter: instant(stored.filter.publishedAfter),
      publishedBefore: instant(stored.filter.publishedBefore),
      updatedSince: instant(stored.filter.updatedSince),
    },
  };
}

export type SlotSource = 'PINNED' | 'PICKED' | 'BACKFILL';
/** One filled slot of a collection as a reader sees it. */
export type Slot = { position: number; articleId: number; source: SlotSource };

export function validateSlug(slug: string): FieldProblem | undefined {
  if (!COLLECTION_SLUG.test(slug) || slug.length > MAX_COLLECTION_SLUG_CHARACTERS) {
    return {
      field: 'slug',
      code: 'INVALID_FORMAT',
      message: `must be lowercase letters, digits and single hyphens, in parts separated by "/" (such as "front/top"), at most ${MAX_COLLECTION_SLUG_CHARACTERS} characters`,
    };
  }
  return undefined;
}

/** Problems with the title and size as given (fields left out are not checked). */
export function contentProblems(fields: { title?: string; size?: number }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.title !== undefined) {
    if (!fields.title.trim()) problems.push({ field: 'title', code: 'REQUIRED', message: 'must not be empty' });
    else if (fields.title.length > MAX_COLLECTION_TITLE_CHARACTERS)
      problems.push({
        field: 'title',
        code: 'TOO_LONG',
        message: `must be at most ${MAX_COLLECTION_TITLE_CHARACTERS} characters`,
      });
  }
  if (
    fields.size !== undefined &&
    (!Number.isInteger(fields.size) || fields.size < MIN_COLLECTION_SIZE || fields.size > MAX_COLLECTION_SIZE)
  ) {
    problems.push({
      field: 'size',
      code: 'OUT_OF_RANGE',
      message: `must be ${MIN_COLLECTION_SIZE} to ${MAX_COLLECTION_SIZE} slots`,
    });
  }
  return problems;
}

/**
 * The items laid out in `size` slots: pinned items at their position, the others in the given
 * order in the free slots. Refused when they do not fit.
 */
function layOut(pinned: CollectionItem[], others: number[], size: number): CollectionItem[] {
  if (pinned.length + others.length > size) {
    throw ValidationError.of('size', 'TOO_MANY', `the collection holds at most ${size} items; remove one first`);
  }
  const taken = new Set(pinned.map((item) => item.position));
  const laidOut = [...pinned];
  let slot = 0;
  for (const articleId of others) {
    while (taken.has(slot)) slot++;
    laidOut.push({ articleId, pinned: false, position: slot });
    slot++;
  }
  return laidOut.sort((a, b) => a.position - b.position);
}

const unpinnedOrder = (items: CollectionItem[]) => items.filter((item) => !item.pinned).map((item) => item.articleId);

/** How many unpinned items come before `position` when the pinned ones hold their slots. */
const unpinnedIndexAt = (pinned: CollectionItem[], position: number) =>
  position - pinned.filter((item) => item.position < position).length;

function checkPosition(position: number, size: number) {
  if (!Number.isInteger(position) || position < 0 || position >= size) {
    throw ValidationError.of('position', 'OUT_OF_RANGE', `must be a slot from 0 to ${size - 1}`);
  }
}

function find(items: CollectionItem[], articleId: number): CollectionItem {
  const item = items.find((entry) => entry.articleId === articleId);
  if (!item) throw new NotFoundError('article', 'The article among the collection’s items');
  return item;
}

/** Places an article at `position` (default: the first free slot after the other items). */
export function addItem(
  items: CollectionItem[],
  size: number,
  item: { articleId: number; position?: number; pinned: boolean },
): CollectionItem[] {
  if (items.some((entry) => entry.articleId === item.articleId)) {
    throw ValidationError.of('article', 'ALREADY_USED', 'is already in this collection; move it instead');
  }
  const pinned = items.filter((entry) => entry.pinned);
  const others = unpinnedOrder(items);
  if (item.position === undefined) {
    if (item.pinned) throw ValidationError.of('position', 'REQUIRED', 'a pinned item needs the slot it holds');
    return layOut(pinned, [...others, item.articleId], size);
  }
  checkPosition(item.position, size);
  if (item.pinned) {
    if (pinned.some((entry) => entry.position === item.position)) {
      throw ValidationError.of('position', 'ALREADY_USED', `slot ${item.position} already holds a pinned item`);
    }
    return layOut([...pinned, { articleId: item.articleId, pinned: true, position: item.position }], others, size);
  }
  const index = unpinnedIndexAt(pinned, item.position);
  return layOut(pinned, [...others.slice(0, index), item.articleId, ...others.slice(index)], size);
}

export function removeItem(items: CollectionItem[], size: number, articleId: number): CollectionItem[] {
  find(items, articleId);
  const rest = items.filter((entry) => entry.articleId !== articleId);
  return layOut(
    rest.filter((entry) => entry.pinned),
    unpinnedOrder(rest),
    size,
  );
}

/** Moves an item to another slot; a pinned item stays pinned there. */
export function moveItem(items: CollectionItem[], size: number, articleId: number, position: number) {
  const { pinned } = find(items, articleId);
  checkPosition(position, size);
  return addItem(removeItem(items, size, articleId), size, { articleId, position, pinned });
}

/** Pins an item to the slot it is in now, or lets it flow again from there. */
export function pinItem(items: CollectionItem[], size: number, articleId: number, pinned: boolean) {
  const item = find(items, articleId);
  if (item.pinned === pinned) return items;
  return addItem(removeItem(items, size, articleId), size, { articleId, position: item.position, pinned });
}

/** A whole new list, in slot order: item `i` is meant for slot `i`. */
export function replaceItems(entries: { articleId: number; pinned: boolean }[], size: number): CollectionItem[] {
  const seen = new Set<number>();
  for (const [index, entry] of entries.entries()) {
    if (seen.has(entry.articleId)) {
      throw ValidationError.of(`items[${index}].article`, 'ALREADY_USED', 'appears twice in the list');
    }
    seen.add(entry.articleId);
  }
  if (entries.length > size) {
    throw ValidationError.of('items', 'TOO_MANY', `the collection holds at most ${size} items`);
  }
  return entries.map((entry, position) => ({ ...entry, position }));
}

/** The same items in a collection of another size; refused when they no longer fit. */
export function resize(items: CollectionItem[], size: number): CollectionItem[] {
  const outside = items.find((item) => item.pinned && item.position >= size);
  if (outside) {
    throw ValidationError.of(
      'size',
      'OUT_OF_RANGE',
      `an item is pinned to slot ${outside.position}; move or unpin it before making the collection ${size} slots long`,
    );
  }
  return layOut(
    items.filter((item) => item.pinned),
    unpinnedOrder(items),
    size,
  );
}

/**
 * The slots a viewer sees: pinned items they may see at their slots, then their other visible
 * items in order and then the backfill in the slots left. An item they may not see (unpublished,
 * archived, deleted) leaves its slot to the next article. A slot stays empty only when the
 * backfill runs out.
 */
export function fillSlots(
  content: Pick<CollectionContent, 'size' | 'items'>,
  visibleItemIds: ReadonlySet<number>,
  backfillIds: readonly number[],
): Slot[] {
  const slots: (Slot | undefined)[] = new Array(content.size).fill(undefined);
  const flowing: { articleId: number; source: SlotSource }[] = [];
  const shown = new Set<number>();
  for (const item of content.items) {
    if (!visibleItemIds.has(item.articleId)) continue;
    shown.add(item.articleId);
    if (item.pinned && item.position < content.size) {
      slots[item.position] = { position: item.position, articleId: item.articleId, source: 'PINNED' };
    } else {
      flowing.push({ articleId: item.articleId, source: 'PICKED' });
    }
  }
  for (const articleId of backfillIds) {
    if (!shown.has(articleId)) flowing.push({ articleId, source: 'BACKFILL' });
  }
  let next = 0;
  for (let position = 0; position < content.size && next < flowing.length; position++) {
    if (slots[position]) continue;
    const entry = flowing[next++] as (typeof flowing)[number];
    slots[position] = { position, ...entry };
  }
  return slots.filter((slot) => slot !== undefined);
}

/** When a change made at `now` for `at` takes effect: never before the moment it is made. */
export function effectiveTime(at: Date | null | undefined, now: Date): Date {
  return at && at > now ? at : now;
}

/**
 * How long a response that showed collections may be cached, in ms: no longer than until the next
 * scheduled revision of any of them takes effect, so the cache never outlives a planned change.
 */
export function ttlBefore(nextChangeAt: Date | undefined, ttlMs: number, now: number): number {
  if (!nextChangeAt) return ttlMs;
  return Math.max(0, Math.min(ttlMs, nextChangeAt.getTime() - now));
}
