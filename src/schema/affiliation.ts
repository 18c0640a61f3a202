import { builder } from '../builder.ts';

builder.prismaObject('Affiliation', {
  description: "A person's role at an organization, optionally bounded in time.",
  fields: (t) => ({
    person: t.relation('person', { description: 'The person holding the role.' }),
    organization: t.relation('organization', { description: 'The organization the role is at.' }),
    role: t.exposeString('role', { description: 'Title of the role, such as "Mayor" or "Senior reporter".' }),
    since: t.expose('since', { type: 'Date', nullable: true, description: 'First day in the role, when known.' }),
    until: t.expose('until', {
      type: 'Date',
      nullable: true,
      description: 'Last day in the role; null while the role is held or when unknown.',
    }),
    current: t.boolean({
      description: 'True when the role has no end date or ends in the future.',
      resolve: (affiliation, _args, context) => affiliation.until === null || affiliation.until >= context.now,
    }),
  }),
});
