import { describe, expect, it } from 'vitest';
import {
  addItem,
  type CollectionItem,
  fillSlots,
  moveItem,
  pinItem,
  removeItem,
  replaceItems,
  resize,
} from '../src/collections/rules.ts';
import type { ValidationError } from '../src/shared/errors.ts';
import { thrownBy } from './support/expect.ts';

/** `articleId` per slot, `P` marking pinned ones. */
const layout = (items: CollectionItem[]) =>
  items.map((item) => `${item.position}:${item.articleId}${item.pinned ? 'P' : ''}`);

describe('collection item rules', () => {
  it('keeps a pinned item in its slot while picks are added, moved and removed around it', () => {
    let items = addItem([], 5, { articleId: 1, position: 1, pinned: true });
    items = addItem(items, 5, { articleId: 2, pinned: false });
    items = addItem(items, 5, { articleId: 3, pinned: false });
    expect(layout(items)).toStrictEqual(['0:2', '1:1P', '2:3']);
    items = addItem(items, 5, { articleId: 4, position: 0, pinned: false });
    expect(layout(items)).toStrictEqual(['0:4', '1:1P', '2:2', '3:3']);
    items = moveItem(items, 5, 3, 0);
    expect(layout(items)).toStrictEqual(['0:3', '1:1P', '2:4', '3:2']);
    items = removeItem(items, 5, 3);
    expect(layout(items)).toStrictEqual(['0:4', '1:1P', '2:2']);
    items = pinItem(items, 5, 2, true);
    items = removeItem(items, 5, 4);
    expect(layout(items)).toStrictEqual(['1:1P', '2:2P']);
  });

  it('refuses items that do not fit, a taken pinned slot, a duplicate and a size that leaves a pin outside', () => {
    const items = replaceItems(
      [
        { articleId: 1, pinned: false },
        { articleId: 2, pinned: false },
        { articleId: 3, pinned: true },
      ],
      3,
    );
    const problem = (work: () => unknown) => (thrownBy(work) as ValidationError).problems;
    expect(problem(() => addItem(items, 3, { articleId: 4, pinned: false }))).toStrictEqual([
      { field: 'size', code: 'TOO_MANY', message: 'the collection holds at most 3 items; remove one first' },
    ]);
    expect(problem(() => addItem(items, 4, { articleId: 4, position: 2, pinned: true }))[0]?.code).toBe('ALREADY_USED');
    expect(problem(() => addItem(items, 4, { articleId: 1, pinned: false }))[0]?.field).toBe('article');
    expect(problem(() => resize(items, 2))[0]?.code).toBe('OUT_OF_RANGE');
    expect(
      problem(() =>
        replaceItems(
          [
            { articleId: 1, pinned: false },
            { articleId: 1, pinned: false },
          ],
          3,
        ),
      ),
    ).toStrictEqual([{ field: 'items[1].article', code: 'ALREADY_USED', message: 'appears twice in the list' }]);
  });
});

describe('filling slots', () => {
  const items: CollectionItem[] = [
    { articleId: 1, pinned: false, position: 0 },
    { articleId: 2, pinned: true, position: 3 },
  ];

  it('puts pins in their slots, picks next, and backfill after, never showing an article twice', () => {
    expect(fillSlots({ size: 4, items }, new Set([1, 2]), [9, 1, 8])).toStrictEqual([
      { position: 0, articleId: 1, source: 'PICKED' },
      { position: 1, articleId: 9, source: 'BACKFILL' },
      { position: 2, articleId: 8, source: 'BACKFILL' },
      { position: 3, articleId: 2, source: 'PINNED' },
    ]);
  });

  it('gives the slot of an item the viewer may not see to the next article', () => {
    expect(fillSlots({ size: 4, items }, new Set([1]), [9, 8, 7])).toStrictEqual([
      { position: 0, articleId: 1, source: 'PICKED' },
      { position: 1, articleId: 9, source: 'BACKFILL' },
      { position: 2, articleId: 8, source: 'BACKFILL' },
      { position: 3, articleId: 7, source: 'BACKFILL' },
    ]);
  });

  it('leaves a slot empty only when the backfill runs out, and a pin keeps its position', () => {
    expect(fillSlots({ size: 4, items }, new Set([2]), [])).toStrictEqual([
      { position: 3, articleId: 2, source: 'PINNED' },
    ]);
  });
});
