import type { Prisma } from '../../generated/prisma/client.ts';
import type { SectionTree } from '../sections/tree.ts';
import { type Visibility, visibleArticleWhere } from './visibility.ts';

export type ArticleFilter = {
  sectionIds?: number[] | null;
  includeSubsections?: boolean | null;
  authorIds?: number[] | null;
  mentionedPersonIds?: number[] | null;
  mentionedOrganizationIds?: number[] | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
  language?: string | null;
  updatedSince?: Date | null;
};

export type ArticleOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST' | 'HEADLINE' | 'UPDATED_OLDEST_FIRST';

/** Visible articles matching every given criterion; each list criterion matches any of its values. */
export function articleWhere(
  filter: ArticleFilter,
  visibility: Visibility,
  sections: SectionTree | undefined,
): Prisma.ArticleWhereInput {
  const conditions: Prisma.ArticleWhereInput[] = [visibleArticleWhere(visibility)];
  if (filter.sectionIds) {
    if (!sections) throw new Error('articleWhere: a section filter needs the section tree');
    conditions.push(inSections(filter.sectionIds, filter.includeSubsections !== false, sections));
  }
  if (filter.authorIds) {
    conditions.push({ bylines: { some: { personId: { in: filter.authorIds } } } });
  }
  if (filter.mentionedPersonIds) {
    conditions.push({ personMentions: { some: { personId: { in: filter.mentionedPersonIds } } } });
  }
  if (filter.mentionedOrganizationIds) {
    conditions.push({
      organizationMentions: { some: { organizationId: { in: filter.mentionedOrganizationIds } } },
    });
  }
  if (filter.publishedAfter) conditions.push({ publishedAt: { gt: filter.publishedAfter } });
  if (filter.publishedBefore) conditions.push({ publishedAt: { lt: filter.publishedBefore } });
  if (filter.language) conditions.push({ language: filter.language });
  if (filter.updatedSince) {
    // A scheduled article that went public since then is new to anonymous clients, though unchanged.
    const since = filter.updatedSince;
    conditions.push({ OR: [{ updatedAt: { gte: since } }, { publishedAt: { gte: since, lte: visibility.now } }] });
  }
  return { AND: conditions };
}

/** The column an order sorts on before the id; `nullable` when the column may hold NULL. */
export type ArticleSortKey =
  | { field: 'publishedAt'; direction: 'asc' | 'desc'; nullable: true }
  | { field: 'headline'; direction: 'asc'; nullable: false }
  | { field: 'updatedAt'; direction: 'asc'; nullable: false };

/** Every order sorts on one column, then on the id in the same direction, so ties have a fixed order. */
export const ARTICLE_SORT_KEYS: Record<ArticleOrder, ArticleSortKey> = {
  NEWEST_FIRST: { field: 'publishedAt', direction: 'desc', nullable: true },
  OLDEST_FIRST: { field: 'publishedAt', direction: 'asc', nullable: true },
  HEADLINE: { field: 'headline', direction: 'asc', nullable: false },
  UPDATED_OLDEST_FIRST: { field: 'updatedAt', direction: 'asc', nullable: false },
};

/**
 * Every order ends on the id, so pages never skip or repeat articles that tie. `reversed` walks the
 * same order from the other end (for `last`). PostgreSQL sorts NULL above every value in both
 * directions, so an unscheduled draft comes first when NEWEST_FIRST and last when OLDEST_FIRST.
 */
export function articleOrderBy(order: ArticleOrder, reversed = false): Prisma.ArticleOrderByWithRelationInput[] {
  const key = ARTICLE_SORT_KEYS[order];
  const direction = reversed === (key.direction === 'asc') ? 'desc' : 'asc';
  return [{ [key.field]: direction }, { id: direction }];
}

/** Articles filed, as primary or further section, in any of the sections (and optionally below them). */
export function inSections(
  sectionIds: readonly number[],
  includeSubsections: boolean,
  sections: SectionTree,
): Prisma.ArticleWhereInput {
  const ids = includeSubsections ? [...new Set(sectionIds.flatMap((id) => sections.subtreeIds(id)))] : [...sectionIds];
  return { OR: [{ sectionId: { in: ids } }, { otherSections: { some: { sectionId: { in: ids } } } }] };
}
