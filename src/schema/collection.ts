import { formatPrismaCursor, queryFromInfo } from '@pothos/plugin-prisma';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Article } from '../../generated/prisma/client.ts';
import { builder, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../builder.ts';
import { MAX_COLLECTION_SIZE, type Slot } from '../collections/rules.ts';
import type { CollectionView } from '../collections/store.ts';
import type { Context } from '../context.ts';
import { ArticleConnection, ArticleRef } from './article-connection.ts';
import { decodeIdCursor } from './cursor.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';
import { Section } from './section.ts';

export const CollectionBackfillRuleEnum = builder.enumType('CollectionBackfillRule', {
  description: 'How a collection fills the slots its editors leave empty, or whose article is no longer public.',
  values: {
    NONE: { description: 'It does not: only the editors’ items are shown.' },
    SECTION: { description: 'The newest articles filed in the collection’s section or a section below it.' },
    FILTER: { description: 'The newest articles matching the collection’s `ArticleFilter`.' },
  } as const,
});

const CollectionItemSourceEnum = builder.enumType('CollectionItemSource', {
  description: 'Why an article is in a slot of a collection.',
  values: {
    PINNED: { description: 'An editor pinned it to this slot; it stays there while other items move.' },
    PICKED: { description: 'An editor picked it; picks fill the free slots in the editors’ order.' },
    BACKFILL: { description: 'The backfill rule filled a slot the editors left empty.' },
  } as const,
});

type CollectionItemShape = Slot & { article: Article };

const CollectionItem = builder.objectRef<CollectionItemShape>('CollectionItem').implement({
  description: 'One filled slot of a collection, with the article shown in it.',
  fields: (t) => ({
    position: t.exposeInt('position', {
      description:
        'The slot, from 0. A slot is skipped only when the backfill runs out, so a pinned item keeps its place.',
    }),
    pinned: t.boolean({
      description: 'Whether an editor pinned the article to this slot (`source` is PINNED).',
      resolve: (item) => item.source === 'PINNED',
    }),
    source: t.field({
      type: CollectionItemSourceEnum,
      description: 'Why the article is here.',
      resolve: (item) => item.source,
    }),
    article: t.field({ type: ArticleRef, description: 'The article in the slot.', resolve: (item) => item.article }),
  }),
});

/** The articles of a collection's slots, loaded with what the query selects below `paths`. */
async function slotArticles(
  view: CollectionView,
  context: Context,
  info: GraphQLResolveInfo,
  paths: string[][],
): Promise<CollectionItemShape[]> {
  const [slots, query] = await Promise.all([
    context.loaders.collections.slots.load(view),
    queryFromInfo({ context, info, typeName: 'Article', paths, awaitSelections: true }),
  ]);
  const loader = context.loaders.articlesSelecting(query);
  const articles = await Promise.all(slots.map((slot) => loader.load(slot.articleId)));
  // An article unpublished between the two statements is left out rather than failing the list.
  return slots.flatMap((slot, index) => {
    const article = articles[index];
    return article ? [{ ...slot, article }] : [];
  });
}

type PageArgs = { first?: number | null; last?: number | null; after?: string | null; before?: string | null };

/**
 * A page of a list held in memory (collections and their slots are few), with id cursors like the
 * API's other lists by key. A cursor whose item has left the list gives an empty page.
 */
function pageOf<T>(list: readonly T[], args: PageArgs, idOf: (item: T) => number) {
  const indexOf = (cursor: string) => {
    const id = decodeIdCursor(cursor);
    return id === undefined ? -1 : list.findIndex((item) => idOf(item) === id);
  };
  const start = args.after == null ? 0 : indexOf(args.after) + 1;
  const end = args.before == null ? list.length : indexOf(args.before);
  const window = start === 0 && args.after != null ? [] : list.slice(start, Math.max(end, 0));
  const first = args.first ?? (args.last == null ? DEFAULT_PAGE_SIZE : undefined);
  const last = args.last ?? undefined;
  let page = first === undefined ? window : window.slice(0, Math.min(first, MAX_PAGE_SIZE));
  if (last !== undefined) page = page.slice(Math.max(page.length - Math.min(last, MAX_PAGE_SIZE), 0));
  const edges = page.map((node) => ({ cursor: cursorOf(idOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: first !== undefined && window.length > first,
      hasPreviousPage: last !== undefined && window.length > last,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const cursorOf = (id: number) => formatPrismaCursor({ id }, 'id');

export const Collection = builder.objectRef<CollectionView>('Collection').implement({
  description:
    'A named, ordered list of article slots that editors curate, such as the top stories of the front page. Editors pin and pick articles; the backfill rule fills the rest. Anonymous readers see public articles only; with an API key (preview) drafts show too.',
  fields: (t) => ({
    id: t.id({
      description: 'Opaque global ID of the collection.',
      resolve: (view) => encodeGlobalId('Collection', view.id),
    }),
    slug: t.exposeString('slug', { description: 'Unique name, such as `front/top` or `politics/top`.' }),
    title: t.exposeString('title', { description: 'Heading shown above the collection, such as "Top stories".' }),
    section: t.field({
      type: Section,
      nullable: true,
      description: 'The section whose page shows the collection; null for the front page and other pages.',
      resolve: (view, _args, context) =>
        view.sectionId === null ? null : context.loaders.section.load(view.sectionId),
    }),
    size: t.exposeInt('size', { description: `Number of slots, 1 to ${MAX_COLLECTION_SIZE}.` }),
    backfillRule: t.field({
      type: CollectionBackfillRuleEnum,
      description: 'How empty slots are filled.',
      resolve: (view) => view.backfill.rule,
    }),
    version: t.exposeInt('version', {
      description:
        'Incremented by every change, scheduled ones included. Pass it back with a change so no one overwrites a change they have not seen.',
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When an editor last changed the collection (a scheduled change included).',
      resolve: (view) => view.updatedAt,
    }),
    effectiveSince: t.field({
      type: 'DateTime',
      description: 'Since when the collection shows what it shows now: the time its current revision took effect.',
      resolve: (view) => view.effectiveAt,
    }),
    scheduledChanges: t.field({
      type: ['DateTime'],
      description:
        'When changes editors scheduled will take effect, soonest first; read the collection `at` one of them to preview it. Empty without an API key.',
      resolve: (view, _args, context) => (context.preview ? view.scheduledAt : []),
    }),
    items: t.field({
      type: [CollectionItem],
      description:
        'The filled slots in order: pinned and picked articles you may see, and backfill in the slots left. At most `size`.',
      resolve: (view, _args, context, info) => slotArticles(view, context, info, [['article']]),
    }),
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'The articles of `items`, in slot order, as a list of articles like any other.',
        resolve: async (view, args, context, info) => {
          const items = await slotArticles(view, context, info, [['edges', 'node'], ['nodes']]);
          const page = pageOf(
            items.map((item) => item.article),
            args,
            (article) => article.id,
          );
          return { ...page, totalCount: async () => items.length };
        },
      },
      ArticleConnection,
    ),
  }),
});

const CollectionConnection = builder.connectionObject(
  {
    type: Collection,
    name: 'CollectionConnection',
    description: 'A page of collections, by slug.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Number of items in the whole connection, not just this page.',
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'CollectionEdge', description: 'A collection in a page of collections, with its cursor.' },
);

async function collectionPage(views: CollectionView[], args: PageArgs) {
  return { ...pageOf(views, args, (view) => view.id), totalCount: views.length };
}

builder.prismaObjectFields(Section, (t) => ({
  collections: t.connection(
    {
      type: Collection,
      description: 'The collections of this section’s page, by slug.',
      resolve: async (section, args, context) =>
        collectionPage(await context.loaders.collections.bySection.load(section.id), args),
    },
    CollectionConnection,
  ),
}));

builder.queryFields((t) => ({
  collection: t.field({
    type: Collection,
    nullable: true,
    description: 'The collection with this slug, as it is now (or `at` another time), or null when there is none.',
    args: {
      slug: t.arg.string({ required: true, description: 'The collection slug, such as `front/top`.' }),
      at: t.arg({
        type: 'DateTime',
        description:
          'Show the collection as it will be (or was) at this time, scheduled changes included: a preview of a planned page. Needs an API key (reader role or above).',
      }),
    },
    resolve: async (_root, args, context) => {
      if (args.at == null) return context.loaders.collections.bySlug.load(args.slug);
      if (!context.preview) {
        throw new GraphQLError('Showing a collection `at` another time needs an API key (reader role or above).', {
          extensions: { code: context.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
        });
      }
      const [view] = await context.loaders.collections.find({ slugs: [args.slug] }, args.at);
      return view ?? null;
    },
  }),
  collections: t.connection(
    {
      type: Collection,
      description: 'Collections by slug: all of them, or those of a section, or those whose slug starts with a prefix.',
      args: {
        section: t.arg.id({ description: 'Only the collections of this section’s page (Section ID).' }),
        slugPrefix: t.arg.string({ description: 'Only collections whose slug starts with this, such as `front/`.' }),
      },
      resolve: async (_root, args, context) => {
        const sectionId =
          args.section == null ? undefined : decodeGlobalId('section', String(args.section), ['Section']).id;
        const views = await context.loaders.collections.find({
          ...(sectionId !== undefined && { sectionIds: [sectionId] }),
          ...(args.slugPrefix != null && { slugPrefix: args.slugPrefix }),
        });
        return collectionPage(views, args);
      },
    },
    CollectionConnection,
  ),
}));
