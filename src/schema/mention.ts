import { builder } from '../builder.ts';

type Span = { paragraph: number; start: number; end: number; text: string };

const MentionSpan = builder.objectRef<Span>('MentionSpan').implement({
  description:
    'One place a name appears in the body, so a client can link or highlight it: `paragraphs[paragraph].slice(start, end)` is `text`.',
  fields: (t) => ({
    paragraph: t.exposeInt('paragraph', { description: 'Index into `Article.paragraphs`, from 0.' }),
    start: t.exposeInt('start', {
      description: 'Offset of the first character, in UTF-16 code units as JavaScript counts.',
    }),
    end: t.exposeInt('end', { description: 'Offset just after the last character.' }),
    text: t.exposeString('text', { description: 'The words as written, such as "Voss" or "Mayor Elena Voss".' }),
  }),
});

const spansOf = (value: unknown): Span[] => (Array.isArray(value) ? (value as Span[]) : []);

builder.prismaObject('PersonMention', {
  description: 'A person named in an article, with how often and where.',
  // Select mode: the key and the count (read by a plain resolver); spans when asked.
  select: { articleId: true, personId: true, count: true },
  fields: (t) => ({
    person: t.relation('person', { description: 'The person mentioned.' }),
    mentionCount: t.int({
      description: 'How many times the article names the person.',
      resolve: (mention) => mention.count,
    }),
    spans: t.field({
      type: [MentionSpan],
      description: 'Where in the body the person is named, in reading order (empty for mentions set by hand).',
      select: { spans: true },
      resolve: (mention) => spansOf(mention.spans),
    }),
  }),
});

builder.prismaObject('OrganizationMention', {
  description: 'An organization named in an article, with how often and where.',
  // Select mode: the key and the count (read by a plain resolver); spans when asked.
  select: { articleId: true, organizationId: true, count: true },
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The organization mentioned.' }),
    mentionCount: t.int({
      description: 'How many times the article names the organization.',
      resolve: (mention) => mention.count,
    }),
    spans: t.field({
      type: [MentionSpan],
      description: 'Where in the body the organization is named, in reading order (empty for mentions set by hand).',
      select: { spans: true },
      resolve: (mention) => spansOf(mention.spans),
    }),
  }),
});
