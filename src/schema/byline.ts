import { builder } from '../builder.ts';

export const BylineRoleEnum = builder.enumType('BylineRole', {
  description: 'What part a person played in making an article.',
  values: {
    AUTHOR: { description: 'Wrote the article.' },
    CONTRIBUTOR: { description: 'Contributed reporting.' },
    PHOTOGRAPHER: { description: 'Took the photographs.' },
    EDITOR: { description: 'Edited the article.' },
  } as const,
});

builder.prismaObject('Byline', {
  description: 'Credit for a person on an article.',
  // Select mode: the key and the role (read by a plain resolver), not the position.
  select: { articleId: true, personId: true, role: true },
  fields: (t) => ({
    role: t.field({
      type: BylineRoleEnum,
      description: 'What the person did on the article.',
      resolve: (byline) => byline.role,
    }),
    person: t.relation('person', { description: 'The person credited.' }),
  }),
});
