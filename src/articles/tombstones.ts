import type { Article, Prisma } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../db/client.ts';
import { isPublicArticle, type Visibility } from './visibility.ts';

type Removed = Pick<Article, 'id' | 'slug' | 'status' | 'publishedAt'>;

/** Records, in the caller's transaction, that an article was deleted or left the published state. */
export async function recordTombstone(tx: Tx, before: Removed, reason: 'DELETED' | 'UNPUBLISHED'): Promise<void> {
  const deletedAt = new Date();
  await tx.articleTombstone.create({
    data: { articleId: before.id, slug: before.slug, reason, wasPublic: isPublicArticle(before, deletedAt), deletedAt },
  });
}

/** A republished article is live again: its unpublish tombstones would tell clients to drop it. */
export async function clearUnpublishTombstones(tx: Tx, articleId: number): Promise<void> {
  await tx.articleTombstone.deleteMany({ where: { articleId, reason: 'UNPUBLISHED' } });
}

/** Tombstones since an instant; anonymous clients only see those of articles they could see. */
function tombstoneWhere(since: Date, { preview }: Visibility) {
  return { deletedAt: { gte: since }, ...(preview ? {} : { wasPublic: true }) };
}

/** A page of the tombstones since an instant, earliest first; `page` is Pothos's selection and cursor. */
export function findTombstonesSince(
  reader: Db & Visibility,
  since: Date,
  page: Omit<Prisma.ArticleTombstoneFindManyArgs, 'where' | 'orderBy'>,
) {
  return reader.prisma.articleTombstone.findMany({
    ...page,
    where: tombstoneWhere(since, reader),
    orderBy: [{ deletedAt: 'asc' }, { id: 'asc' }],
  });
}
