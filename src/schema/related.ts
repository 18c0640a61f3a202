import { z } from 'zod';
import { DEFAULT_RELATED_ARTICLES, MAX_RELATED_ARTICLES, RELATED_RANKING } from '../articles/related.ts';
import { builder } from '../builder.ts';
import { Article } from './article.ts';
import { prismaQuery } from './selection.ts';

builder.prismaObjectFields(Article, (t) => ({
  related: t.field({
    type: [Article],
    description: `${RELATED_RANKING} May hold fewer than \`first\`, or none, when few articles share anyone with this one.`,
    args: {
      first: t.arg.int({
        description: `Most articles to return, 1 to ${MAX_RELATED_ARTICLES}. Default ${DEFAULT_RELATED_ARTICLES}.`,
        defaultValue: DEFAULT_RELATED_ARTICLES,
        required: true,
        validate: z
          .number()
          .int()
          .min(1, 'must be at least 1')
          .max(MAX_RELATED_ARTICLES, `must be at most ${MAX_RELATED_ARTICLES}`),
      }),
    },
    resolve: async (article, args, context, info) =>
      context.loaders
        .relatedArticlesSelecting(await prismaQuery(context, info))
        .load({ articleId: article.id, first: args.first }),
  }),
}));
