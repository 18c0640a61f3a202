import type { Prisma } from '../../generated/prisma/client.ts';

/** The public API shows only published articles whose publication time has come. */
export function publicArticleWhere(now: Date): Prisma.ArticleWhereInput {
  return { status: 'PUBLISHED', publishedAt: { lte: now } };
}
