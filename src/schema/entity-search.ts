import { z } from 'zod';
import type { Organization as OrganizationRow, Person as PersonRow } from '../../generated/prisma/client.ts';
import { builder } from '../builder.ts';
import { type EntityMatch, MAX_ENTITY_RESULTS, searchEntities } from '../entities/search.ts';
import { normalizeSearchQuery } from '../search/article-search.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';

const MAX_ENTITY_QUERY_LENGTH = 200;

const NamedEntity = builder.unionType('NamedEntity', {
  description: 'A person or an organization.',
  types: [Person, Organization],
  resolveType: (entity) => ('kind' in entity ? Organization : Person),
});

const EntitySearchHit = builder.objectRef<EntityMatch>('EntitySearchHit').implement({
  description: 'A person or organization whose name or an alias is like the search, and how alike.',
  fields: (t) => ({
    entity: t.field({
      type: NamedEntity,
      description: 'The person or organization.',
      resolve: async (match, _args, context): Promise<PersonRow | OrganizationRow> => {
        const entity =
          match.kind === 'Person'
            ? await context.loaders.person.load(match.id)
            : await context.loaders.organization.load(match.id);
        if (!entity) throw new Error(`${match.kind} ${match.id} vanished while searching`);
        return entity;
      },
    }),
    score: t.exposeFloat('score', {
      description: 'Trigram similarity from 0 to 1 (1: the same words); higher is better.',
    }),
    matchedName: t.exposeString('matchedName', { description: 'The name or alias that matched best.' }),
  }),
});

builder.queryFields((t) => ({
  searchEntities: t.field({
    type: [EntitySearchHit],
    description:
      'People and organizations by name or alias, tolerant of typos and partial names ("Elana Vos" finds Elena Voss, "okafr" Darius Okafor), best match first.',
    args: {
      query: t.arg.string({
        required: true,
        description: `The name to look for, 1 to ${MAX_ENTITY_QUERY_LENGTH} characters.`,
        validate: z
          .string()
          .max(MAX_ENTITY_QUERY_LENGTH, `must be at most ${MAX_ENTITY_QUERY_LENGTH} characters`)
          .refine((query) => normalizeSearchQuery(query) !== '', 'must not be empty'),
      }),
      first: t.arg.int({
        required: true,
        defaultValue: 10,
        description: `Most matches to return, 1 to ${MAX_ENTITY_RESULTS}. Default 10.`,
        validate: z
          .number()
          .int()
          .min(1, 'must be at least 1')
          .max(MAX_ENTITY_RESULTS, `must be at most ${MAX_ENTITY_RESULTS}`),
      }),
    },
    resolve: (_root, args, context) => searchEntities(context, normalizeSearchQuery(args.query), args.first),
  }),
}));
