// The only place collections are read from and written to the database.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { articleFilterSql } from '../articles/filter-sql.ts';
import type { ArticleFilter } from '../articles/query.ts';
import type { Visibility } from '../articles/visibility.ts';
import type { Tx } from '../db/client.ts';
import { transactionWithSlug } from '../entities/fields.ts';
import type { SectionTree } from '../sections/tree.ts';
import { backfillFromJson, type CollectionContent, type CollectionItem } from './rules.ts';

/** A collection as shown at one instant: its row and the revision in effect then. */
export type CollectionView = CollectionContent & {
  id: number;
  slug: string;
  sectionId: number | null;
  version: number;
  updatedAt: Date;
  /** The instant the view is for. */
  at: Date;
  revisionId: number;
  effectiveAt: Date;
  /** When later revisions take effect, soonest first. */
  scheduledAt: Date[];
};

type ViewRow = Omit<CollectionView, 'scheduledAt' | 'backfill' | 'items' | 'at'> & {
  backfill: unknown;
  items: unknown;
  scheduledAt: (Date | string)[] | null;
};

export type CollectionSelection = {
  slugs?: readonly string[];
  sectionIds?: readonly number[];
  slugPrefix?: string;
};

/** Collections matching every given criterion, each with the revision in effect at `at`, by slug. */
export async function findCollections(
  prisma: PrismaClient,
  selection: CollectionSelection,
  at: Date,
): Promise<CollectionView[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (selection.slugs) conditions.push(Prisma.sql`c."slug" = ANY(${[...selection.slugs]}::text[])`);
  if (selection.sectionIds) conditions.push(Prisma.sql`c."sectionId" = ANY(${[...selection.sectionIds]}::int[])`);
  if (selection.slugPrefix !== undefined) {
    conditions.push(Prisma.sql`starts_with(c."slug", ${selection.slugPrefix})`);
  }
  const rows = await prisma.$queryRaw<ViewRow[]>`
    SELECT c."id", c."slug", c."sectionId", c."version", c."updatedAt",
      r."id" AS "revisionId", r."effectiveAt", r."title", r."size", r."backfill", r."items",
      ARRAY(
        SELECT n."effectiveAt" FROM "CollectionRevision" n
        WHERE n."collectionId" = c."id" AND n."effectiveAt" > ${at}
        GROUP BY n."effectiveAt" ORDER BY n."effectiveAt"
      ) AS "scheduledAt"
    FROM "Collection" c
    JOIN LATERAL (
      SELECT * FROM "CollectionRevision" r
      WHERE r."collectionId" = c."id" AND r."effectiveAt" <= ${at}
      ORDER BY r."effectiveAt" DESC, r."id" DESC
      LIMIT 1
    ) r ON TRUE
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c."slug"`;
  return rows.map((row) => ({
    ...row,
    at,
    backfill: backfillFromJson(row.backfill),
    items: row.items as CollectionItem[],
    scheduledAt: (row.scheduledAt ?? []).map((instant) => new Date(instant)),
  }));
}

/** What one collection's slots are filled from: its items, and its backfill rule as a filter. */
export type SlotQuery = { key: number; itemIds: number[]; backfill: ArticleFilter | null; limit: number };

/**
 * In one statement for many collections: which of each one's items the viewer may see, and the
 * newest visible articles its backfill rule matches (leaving out its items), as many as it has slots.
 */
export async function findSlotArticles(
  prisma: PrismaClient,
  sources: readonly SlotQuery[],
  visibility: Visibility,
  sections: SectionTree | undefined,
): Promise<Map<number, { visibleItemIds: Set<number>; backfillIds: number[] }>> {
  const parts: Prisma.Sql[] = [];
  for (const source of sources) {
    if (source.itemIds.length) {
      parts.push(Prisma.sql`(SELECT ${source.key}::int AS "key", a."id", 0::bigint AS "rank" FROM "Article" a
        WHERE a."id" = ANY(${source.itemIds}::int[]) AND ${articleFilterSql({}, visibility, sections)})`);
    }
    if (source.backfill) {
      parts.push(Prisma.sql`(SELECT ${source.key}::int AS "key", a."id",
          row_number() OVER (ORDER BY a."publishedAt" DESC, a."id" DESC) AS "rank"
        FROM "Article" a
        WHERE ${articleFilterSql(source.backfill, visibility, sections)}
          AND NOT (a."id" = ANY(${source.itemIds}::int[]))
        ORDER BY a."publishedAt" DESC, a."id" DESC
        LIMIT ${source.limit})`);
    }
  }
  const result = new Map<number, { visibleItemIds: Set<number>; backfillIds: number[] }>(
    sources.map((source) => [source.key, { visibleItemIds: new Set(), backfillIds: [] }]),
  );
  if (parts.length === 0) return result;
  const rows = await prisma.$queryRaw<{ key: number; id: number; rank: bigint | number }[]>`
    SELECT * FROM (${Prisma.join(parts, ' UNION ALL ')}) AS slot ORDER BY "key", "rank"`;
  for (const row of rows) {
    const entry = result.get(row.key);
    if (!entry) continue;
    if (Number(row.rank) === 0) entry.visibleItemIds.add(row.id);
    else entry.backfillIds.push(row.id);
  }
  return result;
}

/** Runs a write in one transaction; a slug taken by a save at the same moment is retried. */
export function inTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  return transactionWithSlug(prisma, work);
}

export function findCollectionRow(tx: Tx, slug: string) {
  return tx.collection.findUnique({ where: { slug } });
}

export async function slugTaken(tx: Tx, slug: string): Promise<boolean> {
  return (await tx.collection.count({ where: { slug } })) > 0;
}

export async function sectionExists(tx: Tx, sectionId: number): Promise<boolean> {
  return (await tx.section.count({ where: { id: sectionId } })) > 0;
}

/** Which of the ids are articles (in any status). */
export async function existingArticleIds(tx: Tx, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.article.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

export async function createCollectionRow(
  tx: Tx,
  fields: { slug: string; sectionId: number | null; content: CollectionContent; effectiveAt: Date },
) {
  return tx.collection.create({
    data: {
      slug: fields.slug,
      sectionId: fields.sectionId,
      revisions: { create: { version: 1, effectiveAt: fields.effectiveAt, ...contentData(fields.content) } },
    },
  });
}

/**
 * Moves the collection from `expectedVersion` to the next version, and locks it until the
 * transaction ends; false when it is at another version (nothing is written then).
 */
export async function claimNextVersion(
  tx: Tx,
  collectionId: number,
  expectedVersion: number,
  changes: { sectionId?: number | null } = {},
): Promise<boolean> {
  const { count } = await tx.collection.updateMany({
    where: { id: collectionId, version: expectedVersion },
    data: { ...changes, version: { increment: 1 } },
  });
  return count === 1;
}

/** The fields the revisions written after `version` changed, for a conflict's message. */
export async function fieldsChangedSince(tx: Tx, collectionId: number, version: number): Promise<string[]> {
  const revisions = await tx.collectionRevision.findMany({
    where: { collectionId, version: { gt: version } },
    select: { changed: true },
  });
  return [...new Set(revisions.flatMap((revision) => revision.changed))].sort();
}

export async function currentVersion(tx: Tx, collectionId: number): Promise<number | undefined> {
  return (await tx.collection.findUnique({ where: { id: collectionId }, select: { version: true } }))?.version;
}

/** The revision in effect at `at`: the latest one whose time has come. */
export async function revisionInEffect(tx: Tx, collectionId: number, at: Date): Promise<CollectionContent> {
  const revision = await tx.collectionRevision.findFirstOrThrow({
    where: { collectionId, effectiveAt: { lte: at } },
    orderBy: [{ effectiveAt: 'desc' }, { id: 'desc' }],
  });
  return {
    title: revision.title,
    size: revision.size,
    backfill: backfillFromJson(revision.backfill),
    items: revision.items as CollectionItem[],
  };
}

export async function addRevision(
  tx: Tx,
  revision: { collectionId: number; version: number; effectiveAt: Date; content: CollectionContent; changed: string[] },
) {
  await tx.collectionRevision.create({
    data: {
      collectionId: revision.collectionId,
      version: revision.version,
      effectiveAt: revision.effectiveAt,
      changed: revision.changed,
      ...contentData(revision.content),
    },
  });
}

/** Drops the revisions scheduled for exactly `at`; how many there were. */
export async function dropScheduledRevisions(tx: Tx, collectionId: number, at: Date): Promise<number> {
  const { count } = await tx.collectionRevision.deleteMany({ where: { collectionId, effectiveAt: at } });
  return count;
}

export async function deleteCollectionRow(tx: Tx, collectionId: number, expectedVersion: number): Promise<boolean> {
  const { count } = await tx.collection.deleteMany({ where: { id: collectionId, version: expectedVersion } });
  return count === 1;
}

function contentData(content: CollectionContent) {
  return {
    title: content.title,
    size: content.size,
    backfill: content.backfill as unknown as Prisma.InputJsonObject,
    items: content.items as unknown as Prisma.InputJsonArray,
  };
}

/** Every section's id by its slug (sample content refers to sections by slug). */
export async function sectionIdsBySlug(prisma: PrismaClient): Promise<Map<string, number>> {
  const sections = await prisma.section.findMany({ select: { id: true, slug: true } });
  return new Map(sections.map((section) => [section.slug, section.id]));
}

/** Imported articles' ids by the name of the file they came from. */
export async function articleIdsBySourceKey(prisma: PrismaClient): Promise<Map<string, number>> {
  const articles = await prisma.article.findMany({
    where: { sourceKey: { not: null } },
    select: { id: true, sourceKey: true },
  });
  return new Map(articles.map((article) => [article.sourceKey as string, article.id]));
}
