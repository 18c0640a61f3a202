import DataLoader from 'dataloader';
import type { Organization, Person } from '../../generated/prisma/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Visibility } from '../articles/visibility.ts';
import { visibleArticleSql } from '../articles/visibility.ts';
import type { Db } from '../db/client.ts';
import type { EntityKind } from './store.ts';

export const MAX_CO_MENTIONS = 50;
export const DEFAULT_CO_MENTIONS = 10;

export type CoMention<T> = { entity: T; sharedArticles: number };
type EntityOf<K extends EntityKind> = K extends 'Person' ? Person : Organization;
export type CoMentionKey = { id: number; first: number };

const MENTIONS = {
  Person: { table: Prisma.raw('"PersonMention"'), column: Prisma.raw('"personId"'), entity: Prisma.raw('"Person"') },
  Organization: {
    table: Prisma.raw('"OrganizationMention"'),
    column: Prisma.raw('"organizationId"'),
    entity: Prisma.raw('"Organization"'),
  },
};

/**
 * The `to` entities named in the most visible articles that also name each `from` entity: one
 * statement for every parent in the request, one more to load the entities.
 */
export function createCoMentionLoader<K extends EntityKind>(scope: Db & Visibility, from: EntityKind, to: K) {
  const { prisma } = scope;
  return new DataLoader<CoMentionKey, CoMention<EntityOf<K>>[], string>(
    async (keys) => {
      const depth = new Map<number, number>();
      for (const key of keys) depth.set(key.id, Math.max(depth.get(key.id) ?? 0, key.first));
      const ids = [...depth.keys()];
      const mine = MENTIONS[from];
      const theirs = MENTIONS[to];
      const notItself = from === to ? Prisma.sql`AND t.${theirs.column} <> src.id` : Prisma.empty;
      const rows = await prisma.$queryRaw<{ source_id: number; other_id: number; shared: bigint | number }[]>`
        WITH source AS (
          SELECT * FROM unnest(${ids}::int[], ${ids.map((id) => depth.get(id) as number)}::int[]) AS s(id, depth)
        ),
        counted AS (
          SELECT src.id AS source_id, t.${theirs.column} AS other_id, count(*) AS shared
          FROM source src
          JOIN ${mine.table} m ON m.${mine.column} = src.id
          JOIN "Article" a ON a."id" = m."articleId"
          JOIN ${theirs.table} t ON t."articleId" = m."articleId" ${notItself}
          WHERE ${visibleArticleSql(scope, 'a')}
          GROUP BY src.id, t.${theirs.column}
        ),
        ranked AS (
          SELECT c.source_id, c.other_id, c.shared, src.depth,
            row_number() OVER (
              PARTITION BY c.source_id
              ORDER BY c.shared DESC, lower(e."name") COLLATE "C", e."name" COLLATE "C", e."id"
            ) AS position
          FROM counted c
          JOIN source src ON src.id = c.source_id
          JOIN ${theirs.entity} e ON e."id" = c.other_id
        )
        SELECT source_id, other_id, shared FROM ranked WHERE position <= depth ORDER BY source_id, position`;
      const otherIds = [...new Set(rows.map((row) => row.other_id))];
      const entities: (Person | Organization)[] =
        otherIds.length === 0
          ? []
          : to === 'Person'
            ? await prisma.person.findMany({ where: { id: { in: otherIds } } })
            : await prisma.organization.findMany({ where: { id: { in: otherIds } } });
      const byId = new Map(entities.map((entity) => [entity.id, entity as EntityOf<K>]));
      const lists = new Map<number, CoMention<EntityOf<K>>[]>();
      for (const row of rows) {
        const entity = byId.get(row.other_id);
        if (!entity) continue;
        const list = lists.get(row.source_id) ?? [];
        list.push({ entity, sharedArticles: Number(row.shared) });
        lists.set(row.source_id, list);
      }
      return keys.map((key) => (lists.get(key.id) ?? []).slice(0, key.first));
    },
    { cacheKeyFn: (key) => `${key.id}:${key.first}` },
  );
}
