import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';

export const MAX_ENTITY_RESULTS = 50;

export type EntityMatch = {
  kind: 'Person' | 'Organization';
  id: number;
  /** The name or alias that matched best. */
  matchedName: string;
  /** pg_trgm similarity from 0 to 1, the better of whole-name and best-word similarity. */
  score: number;
};

// `%` (similarity ≥ 0.3) and `<%` (word similarity ≥ 0.6) are pg_trgm's defaults; they let the
// trigram indexes on names (see the name_trigram_search migration) find the candidates.
const candidates = (table: 'Person' | 'Organization', query: string) => {
  const t = Prisma.raw(`"${table}"`);
  const score = (name: Prisma.Sql) =>
    Prisma.sql`greatest(similarity(${name}, ${query}), word_similarity(${query}, ${name}))`;
  const matches = (name: Prisma.Sql) => Prisma.sql`(${name} % ${query} OR ${query} <% ${name})`;
  return Prisma.sql`
    SELECT ${table} AS kind, t."id", t."name" AS matched, ${score(Prisma.sql`t."name"`)} AS score
    FROM ${t} t WHERE ${matches(Prisma.sql`t."name"`)}
    UNION ALL
    SELECT ${table}, t."id", alias, ${score(Prisma.sql`alias`)}
    FROM ${t} t, unnest(t."aliases") AS alias WHERE ${matches(Prisma.sql`alias`)}`;
};

/**
 * People and organizations whose name or an alias is like `query`, tolerant of typos and of
 * partial names, best first; ties go to the shorter-named, then alphabetical, then by id.
 */
export async function searchEntities({ prisma }: Db, query: string, limit: number): Promise<EntityMatch[]> {
  const rows = await prisma.$queryRaw<{ kind: EntityMatch['kind']; id: number; matched: string; score: number }[]>`
    SELECT kind, id, matched, score FROM (
      SELECT DISTINCT ON (kind, id) kind, id, matched, score
      FROM (${candidates('Person', query)} UNION ALL ${candidates('Organization', query)}) AS candidate
      ORDER BY kind, id, score DESC, length(matched), matched
    ) AS best
    ORDER BY score DESC, length(matched), matched, kind, id
    LIMIT ${limit}`;
  return rows.map((row) => ({ kind: row.kind, id: row.id, matchedName: row.matched, score: Number(row.score) }));
}
