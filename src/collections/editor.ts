// Editors' changes to collections. Every change names the version it was based on (a newer one is
// a conflict and nothing is written), runs in one transaction and writes a new revision that takes
// effect now or at the time given, so a later front page can be planned ahead.

import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { CollectionChangeEvent, CollectionChangeListener } from './events.ts';
import {
  addItem,
  type Backfill,
  type CollectionContent,
  type CollectionItem,
  contentProblems,
  effectiveTime,
  moveItem,
  pinItem,
  removeItem,
  replaceItems,
  resize,
  validateSlug,
} from './rules.ts';
import * as store from './store.ts';

export type NewCollection = {
  slug: string;
  title: string;
  sectionId: number | null;
  size: number;
  backfill: Backfill;
};

/** The collection to change, the version the editor read, and when the change takes effect (default now). */
export type CollectionTarget = { slug: string; version: number; at?: Date | null };

export type SettingsChange = { title?: string; size?: number; backfill?: Backfill; sectionId?: number | null };

async function checkBackfill(tx: Tx, backfill: Backfill, sectionId: number | null) {
  if (backfill.rule === 'FILTER' && !backfill.filter) {
    throw ValidationError.of('backfill.filter', 'REQUIRED', 'the FILTER rule needs a filter');
  }
  if (backfill.rule === 'SECTION' && sectionId === null) {
    throw ValidationError.of('backfill.rule', 'REQUIRED', 'the SECTION rule needs the collection to have a section');
  }
  for (const [index, id] of (backfill.filter?.sectionIds ?? []).entries()) {
    if (!(await store.sectionExists(tx, id)))
      throw new NotFoundError(`backfill.filter.sections[${index}]`, 'The section');
  }
}

async function checkArticles(tx: Tx, articleIds: readonly number[], field: (index: number) => string) {
  const found = await store.existingArticleIds(tx, articleIds);
  for (const [index, id] of articleIds.entries()) {
    if (!found.has(id)) throw new NotFoundError(field(index), 'The article');
  }
}

export async function createCollection(
  { prisma }: Db,
  input: NewCollection,
  onChange?: CollectionChangeListener,
): Promise<{ slug: string }> {
  const problems = [validateSlug(input.slug), ...contentProblems(input)].filter((problem) => !!problem);
  if (problems.length) throw new ValidationError(problems);
  const now = new Date();
  const created = await store.inTransaction(prisma, async (tx) => {
    if (await store.slugTaken(tx, input.slug)) {
      throw ValidationError.of('slug', 'ALREADY_USED', `"${input.slug}" is already used by another collection`);
    }
    if (input.sectionId !== null && !(await store.sectionExists(tx, input.sectionId))) {
      throw new NotFoundError('section', 'The section');
    }
    await checkBackfill(tx, input.backfill, input.sectionId);
    const content = { title: input.title.trim(), size: input.size, backfill: input.backfill, items: [] };
    return store.createCollectionRow(tx, { slug: input.slug, sectionId: input.sectionId, content, effectiveAt: now });
  });
  onChange?.(event(created, 'CREATED', [], now));
  return { slug: created.slug };
}

/**
 * The shared path of every change: claim the next version (or report the conflict), base the change
 * on the revision in effect at its time, write the result as a new revision from that time on.
 */
async function change(
  prisma: PrismaClient,
  target: CollectionTarget,
  apply: (
    content: CollectionContent,
    tx: Tx,
    sectionId: number | null,
  ) => Promise<{ content: CollectionContent; changed: string[] }>,
  onChange?: CollectionChangeListener,
  sectionChange: { sectionId?: number | null } = {},
): Promise<{ slug: string; effectiveAt: Date }> {
  const now = new Date();
  const effectiveAt = effectiveTime(target.at, now);
  const [row, sectionIdBefore] = await store.inTransaction(prisma, async (tx) => {
    if (sectionChange.sectionId != null && !(await store.sectionExists(tx, sectionChange.sectionId))) {
      throw new NotFoundError('section', 'The section');
    }
    const row = await claim(tx, target, sectionChange);
    const sectionId = sectionChange.sectionId !== undefined ? sectionChange.sectionId : row.sectionId;
    const base = await store.revisionInEffect(tx, row.id, effectiveAt);
    const { content, changed } = await apply(base, tx, sectionId);
    const problems = contentProblems(content);
    if (problems.length) throw new ValidationError(problems);
    await store.addRevision(tx, {
      collectionId: row.id,
      version: target.version + 1,
      effectiveAt,
      content,
      changed: [...changed, ...(sectionChange.sectionId !== undefined ? ['section'] : [])],
    });
    return [{ ...row, ...sectionChange, version: target.version + 1 }, row.sectionId] as const;
  });
  onChange?.(event(row, effectiveAt > now ? 'SCHEDULED' : 'UPDATED', [sectionIdBefore], effectiveAt));
  return { slug: row.slug, effectiveAt };
}

async function claim(tx: Tx, target: CollectionTarget, changes: { sectionId?: number | null } = {}) {
  const row = await store.findCollectionRow(tx, target.slug);
  if (!row) throw new NotFoundError('collection', `The collection "${target.slug}"`);
  if (!(await store.claimNextVersion(tx, row.id, target.version, changes))) {
    const current = (await store.currentVersion(tx, row.id)) ?? row.version;
    throw new ConflictError(target.version, current, await store.fieldsChangedSince(tx, row.id, target.version));
  }
  return row;
}

function event(
  row: { id: number; slug: string; sectionId: number | null; version: number | null },
  kind: CollectionChangeEvent['change'],
  formerSectionIds: (number | null)[],
  effectiveAt: Date,
): CollectionChangeEvent {
  const sectionIds = [...new Set([...formerSectionIds, row.sectionId])].filter((id) => id !== null);
  return {
    collectionId: row.id,
    slug: row.slug,
    change: kind,
    sectionIds,
    effectiveAt: effectiveAt.toISOString(),
    version: row.version,
  };
}

/** Title, size and backfill rule change at the given time; the section changes at once. */
export function updateCollection(
  { prisma }: Db,
  target: CollectionTarget,
  settings: SettingsChange,
  onChange?: CollectionChangeListener,
) {
  const sectionChange = settings.sectionId !== undefined ? { sectionId: settings.sectionId } : {};
  return change(
    prisma,
    target,
    async (content, tx, sectionId) => {
      const problems = contentProblems(settings);
      if (problems.length) throw new ValidationError(problems);
      const backfill = settings.backfill ?? content.backfill;
      await checkBackfill(tx, backfill, sectionId);
      const size = settings.size ?? content.size;
      return {
        content: {
          title: settings.title?.trim() ?? content.title,
          size,
          backfill,
          items: size === content.size ? content.items : resize(content.items, size),
        },
        changed: (['title', 'size', 'backfill'] as const).filter((field) => settings[field] !== undefined),
      };
    },
    onChange,
    sectionChange,
  );
}

/** An item change: the new items from the current ones, checked against the collection's size. */
function changeItems(
  prisma: PrismaClient,
  target: CollectionTarget,
  newItems: (items: CollectionItem[], size: number) => CollectionItem[],
  articleIdsToCheck: readonly number[],
  field: (index: number) => string,
  onChange?: CollectionChangeListener,
) {
  return change(
    prisma,
    target,
    async (content, tx) => {
      await checkArticles(tx, articleIdsToCheck, field);
      return { content: { ...content, items: newItems(content.items, content.size) }, changed: ['items'] };
    },
    onChange,
  );
}

export function addCollectionItem(
  { prisma }: Db,
  target: CollectionTarget,
  item: { articleId: number; position?: number; pinned: boolean },
  onChange?: CollectionChangeListener,
) {
  return changeItems(
    prisma,
    target,
    (items, size) => addItem(items, size, item),
    [item.articleId],
    () => 'article',
    onChange,
  );
}

export function moveCollectionItem(
  { prisma }: Db,
  target: CollectionTarget,
  articleId: number,
  position: number,
  onChange?: CollectionChangeListener,
) {
  return changeItems(
    prisma,
    target,
    (items, size) => moveItem(items, size, articleId, position),
    [],
    () => 'article',
    onChange,
  );
}

export function pinCollectionItem(
  { prisma }: Db,
  target: CollectionTarget,
  articleId: number,
  pinned: boolean,
  onChange?: CollectionChangeListener,
) {
  return changeItems(
    prisma,
    target,
    (items, size) => pinItem(items, size, articleId, pinned),
    [],
    () => 'article',
    onChange,
  );
}

export function removeCollectionItem(
  { prisma }: Db,
  target: CollectionTarget,
  articleId: number,
  onChange?: CollectionChangeListener,
) {
  return changeItems(
    prisma,
    target,
    (items, size) => removeItem(items, size, articleId),
    [],
    () => 'article',
    onChange,
  );
}

/** Replaces every item: entry `i` is meant for slot `i`. */
export function setCollectionItems(
  { prisma }: Db,
  target: CollectionTarget,
  entries: { articleId: number; pinned: boolean }[],
  onChange?: CollectionChangeListener,
) {
  return changeItems(
    prisma,
    target,
    (_items, size) => replaceItems(entries, size),
    entries.map((entry) => entry.articleId),
    (index) => `items[${index}].article`,
    onChange,
  );
}

/** Drops the changes scheduled for `at` (which must be in the future). */
export async function unscheduleCollectionChange(
  { prisma }: Db,
  target: CollectionTarget & { at: Date },
  onChange?: CollectionChangeListener,
): Promise<{ slug: string }> {
  const now = new Date();
  if (target.at <= now) {
    throw ValidationError.of('at', 'OUT_OF_RANGE', 'must be in the future: a change in effect cannot be unscheduled');
  }
  const row = await store.inTransaction(prisma, async (tx) => {
    const row = await claim(tx, target);
    if ((await store.dropScheduledRevisions(tx, row.id, target.at)) === 0) {
      throw new NotFoundError('at', `A change scheduled for ${target.at.toISOString()}`);
    }
    return { ...row, version: target.version + 1 };
  });
  onChange?.(event(row, 'SCHEDULED', [], target.at));
  return { slug: row.slug };
}

export async function deleteCollection(
  { prisma }: Db,
  target: Omit<CollectionTarget, 'at'>,
  onChange?: CollectionChangeListener,
): Promise<number> {
  const row = await store.inTransaction(prisma, async (tx) => {
    const row = await store.findCollectionRow(tx, target.slug);
    if (!row) throw new NotFoundError('collection', `The collection "${target.slug}"`);
    if (!(await store.deleteCollectionRow(tx, row.id, target.version))) {
      throw new ConflictError(target.version, row.version, await store.fieldsChangedSince(tx, row.id, target.version));
    }
    return row;
  });
  onChange?.(event({ ...row, version: null }, 'DELETED', [], new Date()));
  return row.id;
}
