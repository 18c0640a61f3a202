import type { CorrectionKind } from '../../generated/prisma/client.ts';
import type { Tx } from '../db/client.ts';

/** What the rules for a new correction need to know of its article. */
export function findArticleForCorrection(tx: Tx, articleId: number) {
  return tx.article.findUnique({ where: { id: articleId }, select: { id: true, status: true, publishedAt: true } });
}

/**
 * Adds the note and stamps the article: `updatedAt` moves (so sync's `updatedSince` lists it) and
 * so does `lastSubstantiveUpdateAt`; `publishedAt` and `version` stay as they are.
 */
export async function insertCorrection(
  tx: Tx,
  correction: { articleId: number; kind: CorrectionKind; text: string; addedAt: Date },
): Promise<void> {
  await tx.articleCorrection.create({ data: correction });
  await tx.article.update({
    where: { id: correction.articleId },
    data: { lastSubstantiveUpdateAt: correction.addedAt, updatedAt: correction.addedAt },
    select: { id: true },
  });
}
