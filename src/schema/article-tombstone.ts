import { findTombstonesSince } from '../articles/tombstones.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from './global-id.ts';

const TombstoneReasonEnum = builder.enumType('TombstoneReason', {
  description: 'Why an article left the public site.',
  values: {
    DELETED: { description: 'Deleted for good.' },
    UNPUBLISHED: {
      description:
        'Taken back to draft or archived. Anonymous clients drop it; with an API key it is still readable in preview.',
    },
  } as const,
});

const ArticleTombstone = builder.prismaObject('ArticleTombstone', {
  description:
    'An article that was deleted or taken off the public site, so a syncing client can drop its copy. Publishing the article again removes its UNPUBLISHED tombstone (it then comes back through `articles(filter: { updatedSince })`).',
  fields: (t) => ({
    articleId: t.id({
      description: 'The global ID the article had (Article ID); `node(id:)` no longer finds it for anonymous clients.',
      resolve: (tombstone) => encodeGlobalId('Article', tombstone.articleId),
    }),
    slug: t.exposeString('slug', { description: 'The slug the article had at that moment.' }),
    reason: t.expose('reason', { type: TombstoneReasonEnum, description: 'Deleted, or unpublished.' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', description: 'When it left the public site.' }),
  }),
});

builder.queryFields((t) => ({
  deletedArticles: t.prismaConnection(
    {
      type: ArticleTombstone,
      cursor: 'id',
      description:
        'Articles deleted or unpublished at or after `since`, earliest first: the removals half of a sync (README "Sync"). Anonymous clients see only articles that were public.',
      args: {
        since: t.arg({
          type: 'DateTime',
          required: true,
          description: 'Removals at or after this instant (the `updatedSince` of the same sync).',
        }),
      },
      resolve: (query, _root, args, context) => findTombstonesSince(context, args.since, query),
    },
    { name: 'ArticleTombstoneConnection', description: 'A page of article tombstones.' },
    { name: 'ArticleTombstoneEdge', description: 'A tombstone in a page of them, with its cursor.' },
  ),
}));
