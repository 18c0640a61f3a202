import { filter, pipe } from 'graphql-yoga';
import { builder } from '../builder.ts';
import { type CollectionChangeEvent, mayHear } from '../collections/events.ts';
import { Collection } from './collection.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';

const CollectionChangeTypeEnum = builder.enumType('CollectionChangeType', {
  description: 'What happened to a collection.',
  values: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'Editors changed it, in effect at once: reload it.' },
    SCHEDULED: {
      description: 'Editors scheduled a change for `effectiveAt`, or dropped one. Heard only with an API key.',
    },
    DELETED: { description: 'It was deleted. Drop it.' },
  } as const,
});

const CollectionChange = builder.objectRef<CollectionChangeEvent>('CollectionChange').implement({
  description:
    'One committed change to a collection. A collection also changes when an article in it is published, unpublished or archived: `articleChanged` tells of those.',
  fields: (t) => ({
    change: t.field({
      type: CollectionChangeTypeEnum,
      description: 'What happened.',
      resolve: (event) => event.change,
    }),
    collectionId: t.id({
      description: 'The collection (its global ID), also when `collection` is null.',
      resolve: (event) => encodeGlobalId('Collection', event.collectionId),
    }),
    slug: t.exposeString('slug', { description: 'The collection’s slug.' }),
    effectiveAt: t.field({
      type: 'DateTime',
      description: 'When the change takes effect: when it was made, or the time it is scheduled for.',
      resolve: (event) => new Date(event.effectiveAt),
    }),
    collection: t.field({
      type: Collection,
      nullable: true,
      description: 'The collection as it is now; null once deleted.',
      // Read afresh for each event: a subscription's loaders live as long as the subscription.
      resolve: async (event, _args, context) =>
        event.change === 'DELETED'
          ? null
          : ((await context.loaders.collections.find({ slugs: [event.slug] }, new Date()))[0] ?? null),
    }),
  }),
});

builder.subscriptionField('collectionChanged', (t) =>
  t.field({
    type: CollectionChange,
    description:
      'Every committed change to a collection: created, changed, scheduled, deleted. Anonymous subscribers hear of changes once they are in effect, not of scheduled ones.',
    args: {
      slug: t.arg.string({ description: 'Only the collection with this slug.' }),
      section: t.arg.id({ description: 'Only collections of this section’s page (Section ID).' }),
    },
    subscribe: (_root, args, context) => {
      if (!context.articleEvents) throw new Error('events are not configured');
      const sectionId =
        args.section == null ? undefined : decodeGlobalId('section', String(args.section), ['Section']).id;
      return pipe(
        context.articleEvents.collections.subscribe(),
        filter(
          (event: CollectionChangeEvent) =>
            mayHear(event, context.preview) &&
            (args.slug == null || event.slug === args.slug) &&
            (sectionId === undefined || event.sectionIds.includes(sectionId)),
        ),
      );
    },
    resolve: (event) => event,
  }),
);
