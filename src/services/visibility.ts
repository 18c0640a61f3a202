import type { Prisma } from '../../generated/prisma/client.ts';

export type Visibility = { now: Date; preview: boolean };

/**
 * Anonymous clients see only published articles whose publication time has come; readers and
 * above (preview) see every article, drafts and scheduled ones included.
 */
export function visibleArticleWhere({ now, preview }: Visibility): Prisma.ArticleWhereInput {
  return preview ? {} : { status: 'PUBLISHED', publishedAt: { lte: now } };
}
