// Per-request loaders: every collection a request shows is read in one statement, and the articles
// of all their slots (visible items and backfill) in one more, however many collections there are.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { ArticleFilter } from '../articles/query.ts';
import type { Visibility } from '../articles/visibility.ts';
import type { Db } from '../db/client.ts';
import type { SectionTree } from '../sections/tree.ts';
import { fillSlots, type Slot } from './rules.ts';
import { type CollectionSelection, type CollectionView, findCollections, findSlotArticles } from './store.ts';

/** The filter a collection's backfill rule stands for; null when it fills nothing. */
function backfillFilter(view: CollectionView): ArticleFilter | null {
  switch (view.backfill.rule) {
    case 'NONE':
      return null;
    case 'SECTION':
      return view.sectionId === null ? null : { sectionIds: [view.sectionId], includeSubsections: true };
    case 'FILTER':
      return view.backfill.filter ?? null;
  }
}

export function createCollectionLoaders(
  prisma: PrismaClient,
  visibility: Visibility,
  sectionTree: () => Promise<SectionTree>,
) {
  let nextChangeAt: Date | undefined;
  const seen = (views: CollectionView[]) => {
    for (const view of views) {
      const next = view.scheduledAt[0];
      if (next && (!nextChangeAt || next < nextChangeAt)) nextChangeAt = next;
    }
    return views;
  };
  const find = async (selection: CollectionSelection, at = visibility.now) =>
    seen(await findCollections(prisma, selection, at));

  return {
    /** The collections with these slugs, as in effect now. */
    bySlug: new DataLoader<string, CollectionView | null>(async (slugs) => {
      const views = await find({ slugs });
      return slugs.map((slug) => views.find((view) => view.slug === slug) ?? null);
    }),
    /** Each section's collections, by slug. */
    bySection: new DataLoader<number, CollectionView[]>(async (sectionIds) => {
      const views = await find({ sectionIds });
      return sectionIds.map((id) => views.filter((view) => view.sectionId === id));
    }),
    /** Collections matching a selection, by slug. */
    find,
    /** The slots each collection shows this viewer, filled from visible items and backfill. */
    slots: new DataLoader<CollectionView, Slot[], string>(
      async (views) => {
        const filters = views.map(backfillFilter);
        const needsTree = filters.some((filter) => filter?.sectionIds);
        const candidates = await findSlotArticles(
          prisma,
          views.map((view, key) => ({
            key,
            itemIds: view.items.map((item) => item.articleId),
            backfill: filters[key] ?? null,
            limit: view.size,
          })),
          visibility,
          needsTree ? await sectionTree() : undefined,
        );
        return views.map((view, key) => {
          const found = candidates.get(key);
          return fillSlots(view, found?.visibleItemIds ?? new Set(), found?.backfillIds ?? []);
        });
      },
      { cacheKeyFn: (view) => `${view.revisionId}@${view.at.toISOString()}` },
    ),
    /**
     * The soonest instant a revision of a collection this request showed takes effect: a cached
     * response must not be served after it.
     */
    nextChangeAt: () => nextChangeAt,
  };
}

export type CollectionLoaders = ReturnType<typeof createCollectionLoaders>;

/** The collections' loaders, by the name the schema reads them under (`context.loaders.collections`). */
export const collectionLoaders = {
  collections: (scope: Db & Visibility, loaders: { sectionTree: () => Promise<SectionTree> }) =>
    createCollectionLoaders(scope.prisma, scope, loaders.sectionTree),
};
