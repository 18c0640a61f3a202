import { addCorrection, MAX_CORRECTION_CHARACTERS, SUBSTANTIVE_UPDATE_RULE } from '../articles/corrections.ts';
import { findArticleById } from '../articles/read-store.ts';
import { builder } from '../builder.ts';
import { Article } from './article.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId } from './global-id.ts';

const CorrectionKindEnum = builder.enumType('CorrectionKind', {
  description: 'Whether a note on an article fixes an error or clarifies something that was not wrong.',
  values: {
    CORRECTION: { description: 'The article said something wrong; the note says what and gives it right.' },
    CLARIFICATION: { description: 'The article was not wrong but could be misread; the note makes it clear.' },
  } as const,
});

builder.prismaObject('ArticleCorrection', {
  name: 'Correction',
  description: 'A correction or clarification editors attached to a published article, shown to readers with it.',
  fields: (t) => ({
    kind: t.field({ type: CorrectionKindEnum, description: 'Correction or clarification.', resolve: (c) => c.kind }),
    text: t.exposeString('text', { description: 'What readers are told, as plain text.' }),
    addedAt: t.expose('addedAt', { type: 'DateTime', description: 'When the note was added to the article.' }),
  }),
});

builder.prismaObjectFields(Article, (t) => ({
  corrections: t.relation('corrections', {
    description: 'Corrections and clarifications of the article, oldest first; empty when there are none.',
    query: { orderBy: [{ addedAt: 'asc' }, { id: 'asc' }] },
  }),
  lastSubstantiveUpdateAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: SUBSTANTIVE_UPDATE_RULE,
    select: { lastSubstantiveUpdateAt: true },
    resolve: (article) => article.lastSubstantiveUpdateAt,
  }),
}));

const AddArticleCorrectionInput = builder.inputType('AddArticleCorrectionInput', {
  description: 'A correction or clarification to attach to a published article.',
  fields: (t) => ({
    article: t.id({ required: true, description: 'The article (Article ID); it must have been published.' }),
    kind: t.field({ type: CorrectionKindEnum, required: true, description: 'Correction or clarification.' }),
    text: t.string({
      required: true,
      description: `What readers are told, as plain text (at most ${MAX_CORRECTION_CHARACTERS.toLocaleString('en')} characters).`,
    }),
  }),
});

builder.mutationField('addArticleCorrection', (t) =>
  t.field({
    type: Article,
    description:
      "Attaches a correction or clarification to a published article, dated now. The article's `publishedAt` and `version` stay as they are; its `updatedAt` and `lastSubstantiveUpdateAt` move, so sync (`updatedSince`) and `articleChanged` (UPDATED) carry it. Editors and admins only.",
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The article with its corrections.' } },
    args: {
      input: t.arg({ type: AddArticleCorrectionInput, required: true, description: 'The article and the note.' }),
    },
    resolve: async (_root, { input }, context) => {
      const articleId = decodeGlobalId('input.article', String(input.article), ['Article']).id;
      await addCorrection(context, { articleId, kind: input.kind, text: input.text }, context.articleEvents?.publish);
      return findArticleById(context, articleId);
    },
  }),
);
