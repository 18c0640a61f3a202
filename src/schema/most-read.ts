import { formatPrismaCursor, queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { findPublicArticlesByIds } from '../articles/read-store.ts';
import { builder } from '../builder.ts';
import {
  countMostRead,
  DEFAULT_MOST_READ,
  MAX_MOST_READ,
  MOST_READ_WINDOW_HOURS,
  rankMostRead,
  windowScope,
} from '../most-read/most-read.ts';
import { VIEW_BEACON_PATH } from '../most-read/use-view-beacon.ts';
import { NotFoundError } from '../shared/errors.ts';
import { ArticleConnection } from './article-connection.ts';
import { decodeGlobalId } from './global-id.ts';

const MostReadWindowEnum = builder.enumType('MostReadWindow', {
  description:
    'How far back `mostRead` counts, in whole clock hours (UTC): the hour now running and the hours before it.',
  values: {
    HOUR: { description: `The hour now running and the ${MOST_READ_WINDOW_HOURS.HOUR} before it.` },
    DAY: { description: `The hour now running and the ${MOST_READ_WINDOW_HOURS.DAY} before it.` },
    WEEK: { description: `The hour now running and the ${MOST_READ_WINDOW_HOURS.WEEK} (7 days) before it.` },
  } as const,
});

builder.queryField('mostRead', (t) =>
  t.field({
    type: ArticleConnection,
    description: `The public articles readers read most in the window, most read first (ties: the newer article first), as clients reported them with \`recordArticleView\` or POST ${VIEW_BEACON_PATH}. Each client counts once per article in a while; counts reach the list within a few seconds (docs/most-read.md). Drafts and articles taken off the site never appear, for any API key.`,
    args: {
      section: t.arg.id({
        description: 'Only articles filed in this section or a section below it, as primary or further section.',
      }),
      window: t.arg({
        type: MostReadWindowEnum,
        required: true,
        defaultValue: 'DAY',
        description: 'How far back reads count. Default DAY.',
      }),
      first: t.arg.int({
        required: true,
        defaultValue: DEFAULT_MOST_READ,
        description: `How many articles, 1 to ${MAX_MOST_READ}. Default ${DEFAULT_MOST_READ}. The list has one page.`,
        validate: z.number().int().min(1, 'must be at least 1').max(MAX_MOST_READ, `must be at most ${MAX_MOST_READ}`),
      }),
    },
    resolve: async (_root, args, context, info) => {
      const sectionId =
        args.section == null ? undefined : decodeGlobalId('section', String(args.section), ['Section']).id;
      const scope = windowScope(
        args.window,
        context.now,
        sectionId === undefined ? undefined : { ids: [sectionId], tree: await context.loaders.sectionTree() },
      );
      const { ids, hasMore } = await rankMostRead(context, scope, args.first);
      const query = queryFromInfo({ context, info, typeName: 'Article', paths: [['edges', 'node'], ['nodes']] });
      const rows = await findPublicArticlesByIds(context, ids, context.now, query);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const edges = ids.flatMap((id) => {
        const node = byId.get(id);
        return node ? [{ cursor: formatPrismaCursor({ id }, 'id'), node }] : [];
      });
      return {
        edges,
        pageInfo: {
          hasNextPage: hasMore,
          hasPreviousPage: false,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: () => countMostRead(context, scope),
      };
    },
  }),
);

const RecordArticleViewInput = builder.inputType('RecordArticleViewInput', {
  description: 'A read of an article, reported by the app that showed it. Nothing about the reader is sent or kept.',
  fields: (t) => ({
    article: t.id({ required: true, description: 'The article read (Article ID).' }),
  }),
});

builder.mutationField('recordArticleView', (t) =>
  t.field({
    type: 'Boolean',
    description: `Reports that a reader opened an article, for \`mostRead\`. Needs no API key; browsers can use POST ${VIEW_BEACON_PATH} with \`navigator.sendBeacon\` instead. Only public articles are counted, each client once per article in a while; nothing about the client is stored. Rate limits apply.`,
    // Counting a read changes no content: the response cache is not purged for it.
    extensions: { leavesContentUnchanged: true },
    errors: {
      types: [NotFoundError],
      dataField: {
        name: 'counted',
        description:
          "True when the read was counted; false when this client's read of the article was counted a short while ago.",
      },
    },
    args: { input: t.arg({ type: RecordArticleViewInput, required: true, description: 'The article read.' }) },
    resolve: async (_root, { input }, context) => {
      const articleId = decodeGlobalId('input.article', String(input.article), ['Article']).id;
      if (!context.reads) throw new Error('most read is not configured');
      const outcome = await context.reads.mostRead.record(articleId, context.reads.clientKey());
      if (outcome === 'NOT_FOUND') throw new NotFoundError('article', 'The public article');
      return outcome === 'COUNTED';
    },
  }),
);
