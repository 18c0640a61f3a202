import DataLoader from 'dataloader';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Visibility } from '../articles/visibility.ts';
import { publishedArticleSql } from '../articles/visibility.ts';
import type { Db } from '../db/client.ts';
import type { EntityKind } from './store.ts';

/** A calendar month as `YYYY-MM`, in UTC. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A century: wider timelines list only the months that have articles. */
export const MAX_FILLED_MONTHS = 1200;

export type TimelineKey = { id: number; from: string | null; to: string | null };
export type MonthCount = { month: string; articles: number };

const MENTIONS = {
  Person: { table: Prisma.raw('"PersonMention"'), column: Prisma.raw('"personId"') },
  Organization: { table: Prisma.raw('"OrganizationMention"'), column: Prisma.raw('"organizationId"') },
};

/**
 * Published, visible articles that mention each entity, counted per UTC month between `from` and
 * `to` (inclusive, either open): one statement for every entity and range in the request. Months
 * without articles between the first and the last month that has some are filled in with 0, unless
 * those lie more than MAX_FILLED_MONTHS apart.
 */
export function createTimelineLoader(scope: Db & Visibility, kind: EntityKind) {
  return new DataLoader<TimelineKey, MonthCount[], string>(
    async (keys) => {
      const mentions = MENTIONS[kind];
      const rows = await scope.prisma.$queryRaw<{ key: bigint | number; month: string; articles: bigint | number }[]>`
        WITH wanted AS (
          SELECT * FROM unnest(
            ${keys.map((key) => key.id)}::int[],
            ${keys.map((key) => key.from ?? '')}::text[],
            ${keys.map((key) => key.to ?? '')}::text[]
          ) WITH ORDINALITY AS k(id, from_month, to_month, key)
        ),
        dated AS (
          SELECT w.key, w.from_month, w.to_month, to_char(a."publishedAt" AT TIME ZONE 'UTC', 'YYYY-MM') AS month
          FROM wanted w
          JOIN ${mentions.table} m ON m.${mentions.column} = w.id
          JOIN "Article" a ON a."id" = m."articleId"
          WHERE ${publishedArticleSql(scope, 'a')}
        )
        SELECT key, month, count(*) AS articles FROM dated
        WHERE (from_month = '' OR month >= from_month) AND (to_month = '' OR month <= to_month)
        GROUP BY key, month
        ORDER BY key, month`;
      const counts = keys.map(() => new Map<string, number>());
      for (const row of rows) counts[Number(row.key) - 1]?.set(row.month, Number(row.articles));
      return counts.map(fillMonths);
    },
    { cacheKeyFn: (key) => `${key.id}:${key.from ?? ''}:${key.to ?? ''}` },
  );
}

function fillMonths(counts: Map<string, number>): MonthCount[] {
  const months = [...counts.keys()].sort();
  const [first, last] = [months[0], months.at(-1)];
  if (!first || !last) return [];
  if (monthIndex(last) - monthIndex(first) >= MAX_FILLED_MONTHS) {
    return months.map((month) => ({ month, articles: counts.get(month) as number }));
  }
  const filled: MonthCount[] = [];
  for (let month = first; month <= last; month = nextMonth(month)) {
    filled.push({ month, articles: counts.get(month) ?? 0 });
  }
  return filled;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12
    ? `${String(year + 1).padStart(4, '0')}-01`
    : `${month.slice(0, 4)}-${String(number + 1).padStart(2, '0')}`;
}
