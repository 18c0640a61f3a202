import { Prisma } from '../../generated/prisma/client.ts';
import type { SectionTree } from '../sections/tree.ts';
import type { ArticleFilter } from './query.ts';
import { type Visibility, visibleArticleSql } from './visibility.ts';

/**
 * The same condition as articleWhere (query.ts), as SQL over `"Article" <alias>`, for the
 * hand-written search and facet queries. Every value is a bound parameter.
 */
export function articleFilterSql(
  filter: ArticleFilter,
  visibility: Visibility,
  sections: SectionTree | undefined,
  alias = 'a',
): Prisma.Sql {
  const a = Prisma.raw(alias);
  const conditions: Prisma.Sql[] = [visibleArticleSql(visibility, alias)];
  if (filter.sectionIds) {
    if (!sections) throw new Error('articleFilterSql: a section filter needs the section tree');
    const ids =
      filter.includeSubsections !== false
        ? [...new Set(filter.sectionIds.flatMap((id) => sections.subtreeIds(id)))]
        : [...filter.sectionIds];
    conditions.push(Prisma.sql`(${a}."sectionId" = ANY(${ids}::int[]) OR EXISTS (
      SELECT 1 FROM "ArticleSection" s WHERE s."articleId" = ${a}."id" AND s."sectionId" = ANY(${ids}::int[])))`);
  }
  if (filter.authorIds) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "Byline" b WHERE b."articleId" = ${a}."id" AND b."personId" = ANY(${filter.authorIds}::int[]))`);
  }
  if (filter.mentionedPersonIds) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "PersonMention" m WHERE m."articleId" = ${a}."id" AND m."personId" = ANY(${filter.mentionedPersonIds}::int[]))`);
  }
  if (filter.mentionedOrganizationIds) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "OrganizationMention" m
      WHERE m."articleId" = ${a}."id" AND m."organizationId" = ANY(${filter.mentionedOrganizationIds}::int[]))`);
  }
  if (filter.publishedAfter) conditions.push(Prisma.sql`${a}."publishedAt" > ${filter.publishedAfter}`);
  if (filter.publishedBefore) conditions.push(Prisma.sql`${a}."publishedAt" < ${filter.publishedBefore}`);
  if (filter.language) conditions.push(Prisma.sql`${a}."language" = ${filter.language}`);
  if (filter.updatedSince) {
    const since = filter.updatedSince;
    conditions.push(
      Prisma.sql`(${a}."updatedAt" >= ${since} OR (${a}."publishedAt" >= ${since} AND ${a}."publishedAt" <= ${visibility.now}))`,
    );
  }
  return Prisma.join(conditions, ' AND ');
}
