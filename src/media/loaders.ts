import DataLoader from 'dataloader';
import type { ArticleImage, Image } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';

/** The images' loaders, by the name the schema reads them under (`context.loaders.image`, …). */
export const mediaLoaders = {
  image: (scope: Db) =>
    new DataLoader<number, Image | null>(async (ids) => {
      const rows = await scope.prisma.image.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  /** An article's body images with their image rows, in reading order. */
  articleBodyImages: (scope: Db) =>
    new DataLoader<number, (ArticleImage & { image: Image })[]>(async (ids) => {
      const rows = await scope.prisma.articleImage.findMany({
        where: { articleId: { in: [...ids] } },
        include: { image: true },
        orderBy: [{ articleId: 'asc' }, { position: 'asc' }],
      });
      return ids.map((id) => rows.filter((row) => row.articleId === id));
    }),
};
