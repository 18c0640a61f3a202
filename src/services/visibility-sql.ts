import { Prisma } from '../../generated/prisma/client.ts';
import type { Visibility } from './visibility.ts';

/** visibleArticleWhere as a SQL condition on the article table aliased `alias`, for hand-written queries. */
export function visibleArticleSql(alias: string, { now, preview }: Visibility): Prisma.Sql {
  const table = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${preview} OR (${table}."status" = 'PUBLISHED' AND ${table}."publishedAt" <= ${now}))`;
}
