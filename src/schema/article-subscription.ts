import { filter, pipe } from 'graphql-yoga';
import type { ArticleChangeEvent } from '../articles/events.ts';
import { findArticleVisibleNow } from '../articles/read-store.ts';
import { builder } from '../builder.ts';
import { Article } from './article.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';

const ArticleChangeTypeEnum = builder.enumType('ArticleChangeType', {
  description: 'What happened to an article, as the subscriber sees it.',
  values: {
    PUBLISHED: { description: 'It became public: published now, or created as published.' },
    UPDATED: {
      description:
        'It changed and stays as visible as it was. Anonymous subscribers hear this of public articles only.',
    },
    UNPUBLISHED: { description: 'It left the public site (back to draft, or archived). Drop it.' },
    DELETED: { description: 'It was deleted for good. Drop it.' },
  } as const,
});

const ArticleChange = builder.objectRef<ArticleChangeEvent>('ArticleChange').implement({
  description: 'One committed change to an article.',
  fields: (t) => ({
    change: t.field({ type: ArticleChangeTypeEnum, description: 'What happened.', resolve: (event) => event.change }),
    articleId: t.id({
      description: 'The article (Article ID), also when `article` is null.',
      resolve: (event) => encodeGlobalId('Article', event.articleId),
    }),
    article: t.field({
      type: Article,
      nullable: true,
      description:
        'The article as it is now; null when deleted, or when unpublished and the subscriber has no API key.',
      resolve: (event, _args, context) =>
        event.change === 'DELETED' ? null : findArticleVisibleNow(context, event.articleId),
    }),
  }),
});

const ArticleChangeFilter = builder.inputType('ArticleChangeFilter', {
  description: 'Which article changes to hear of.',
  fields: (t) => ({
    section: t.id({ description: 'Only articles filed in this section, as primary or further section (Section ID).' }),
    includeSubsections: t.boolean({
      defaultValue: true,
      description: 'Whether `section` also matches the sections below it. Default true.',
    }),
  }),
});

builder.subscriptionType({
  description:
    'Live updates over server-sent events (`Accept: text/event-stream`): README "Subscriptions". Drafts never reach anonymous subscribers.',
});

builder.subscriptionField('articleChanged', (t) =>
  t.field({
    type: ArticleChange,
    description:
      'Every committed change to an article you may see: published, updated, unpublished, deleted. Anonymous subscribers hear only of public articles (an unpublish says UNPUBLISHED, without the article).',
    args: { filter: t.arg({ type: ArticleChangeFilter, description: 'Narrows the changes.' }) },
    subscribe: async (_root, args, context) => {
      if (!context.articleEvents) throw new Error('article events are not configured');
      const section = args.filter?.section;
      const sectionIds = section
        ? new Set(
            args.filter?.includeSubsections === false
              ? [decodeGlobalId('filter.section', String(section), ['Section']).id]
              : (await context.loaders.sectionTree()).subtreeIds(
                  decodeGlobalId('filter.section', String(section), ['Section']).id,
                ),
          )
        : null;
      return pipe(
        context.articleEvents.subscribe(),
        filter(
          (event: ArticleChangeEvent) =>
            (context.preview || event.wasPublic || event.isPublic) &&
            (!sectionIds || event.sectionIds.some((id) => sectionIds.has(id))),
        ),
      );
    },
    resolve: (event) => event,
  }),
);
