import { z } from 'zod';
import type { Organization as OrganizationRow, Person as PersonRow } from '../../generated/prisma/client.ts';
import { builder } from '../builder.ts';
import { type CoMention, DEFAULT_CO_MENTIONS, MAX_CO_MENTIONS } from '../entities/co-mentions.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';

const CoMentionedPerson = builder.objectRef<CoMention<PersonRow>>('CoMentionedPerson').implement({
  description: 'A person named in the same articles as another person or organization, and in how many.',
  fields: (t) => ({
    person: t.field({ type: Person, description: 'The person.', resolve: (entry) => entry.entity }),
    sharedArticles: t.exposeInt('sharedArticles', {
      description: 'Number of articles you may see that name both.',
    }),
  }),
});

const CoMentionedOrganization = builder.objectRef<CoMention<OrganizationRow>>('CoMentionedOrganization').implement({
  description: 'An organization named in the same articles as another person or organization, and in how many.',
  fields: (t) => ({
    organization: t.field({ type: Organization, description: 'The organization.', resolve: (entry) => entry.entity }),
    sharedArticles: t.exposeInt('sharedArticles', {
      description: 'Number of articles you may see that name both.',
    }),
  }),
});

const ORDER = 'Most shared articles first, then by name (A to Z, ignoring case), then by ID.';

const coMentionArgs = builder.args((t) => ({
  first: t.int({
    description: `Most entries to return, 1 to ${MAX_CO_MENTIONS}. Default ${DEFAULT_CO_MENTIONS}.`,
    defaultValue: DEFAULT_CO_MENTIONS,
    required: true,
    validate: z.number().int().min(1, 'must be at least 1').max(MAX_CO_MENTIONS, `must be at most ${MAX_CO_MENTIONS}`),
  }),
}));

builder.prismaObjectFields(Person, (t) => ({
  coMentionedPeople: t.field({
    type: [CoMentionedPerson],
    description: `Other people named in the same articles as this person. ${ORDER}`,
    args: coMentionArgs,
    resolve: (person, args, context) =>
      context.loaders.coMentions.personPeople.load({ id: person.id, first: args.first }),
  }),
  coMentionedOrganizations: t.field({
    type: [CoMentionedOrganization],
    description: `Organizations named in the same articles as this person. ${ORDER}`,
    args: coMentionArgs,
    resolve: (person, args, context) =>
      context.loaders.coMentions.personOrganizations.load({ id: person.id, first: args.first }),
  }),
}));

builder.prismaObjectFields(Organization, (t) => ({
  coMentionedPeople: t.field({
    type: [CoMentionedPerson],
    description: `People named in the same articles as this organization. ${ORDER}`,
    args: coMentionArgs,
    resolve: (organization, args, context) =>
      context.loaders.coMentions.organizationPeople.load({ id: organization.id, first: args.first }),
  }),
  coMentionedOrganizations: t.field({
    type: [CoMentionedOrganization],
    description: `Other organizations named in the same articles as this organization. ${ORDER}`,
    args: coMentionArgs,
    resolve: (organization, args, context) =>
      context.loaders.coMentions.organizationOrganizations.load({ id: organization.id, first: args.first }),
  }),
}));
