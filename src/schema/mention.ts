import { builder } from '../builder.ts';

builder.prismaObject('PersonMention', {
  description: 'A person named in an article, with how often.',
  fields: (t) => ({
    person: t.relation('person', { description: 'The person mentioned.' }),
    mentionCount: t.exposeInt('count', { description: 'How many times the article names the person.' }),
  }),
});

builder.prismaObject('OrganizationMention', {
  description: 'An organization named in an article, with how often.',
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The organization mentioned.' }),
    mentionCount: t.exposeInt('count', { description: 'How many times the article names the organization.' }),
  }),
});
