import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';

/** Ids of people or organizations whose name or any alias contains `search`, ignoring case. */
export async function findIdsByName(
  prisma: PrismaClient,
  table: 'Person' | 'Organization',
  search: string,
): Promise<number[]> {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT t."id" FROM ${Prisma.raw(`"${table}"`)} t
    WHERE t."name" ILIKE ${pattern}
       OR EXISTS (SELECT 1 FROM unnest(t."aliases") AS alias WHERE alias ILIKE ${pattern})`;
  return rows.map((row) => row.id);
}
