import {
  type ArticleChanges,
  createArticle,
  deleteArticle,
  MAX_BODY_CHARACTERS,
  updateArticle,
} from '../articles/editor.ts';
import { createArticleOnce } from '../articles/idempotency.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { Article, ArticleStatusEnum } from './article.ts';
import { BylineRoleEnum } from './byline.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId, decodeGlobalIds } from './global-id.ts';

const BylineInput = builder.inputType('BylineInput', {
  description: 'Credit for one person on an article.',
  fields: (t) => ({
    person: t.id({ required: true, description: 'The person credited (Person ID).' }),
    role: t.field({ type: BylineRoleEnum, defaultValue: 'AUTHOR', description: 'What they did. Default AUTHOR.' }),
  }),
});

const MentionInput = builder.inputType('MentionInput', {
  description: 'A person or organization named in an article, and how often.',
  fields: (t) => ({
    entity: t.id({ required: true, description: 'The Person or Organization ID.' }),
    count: t.int({ defaultValue: 1, description: 'How many times the article names it. Default 1.' }),
  }),
});

const articleFields = {
  headline: 'The title shown above the story (at most 300 characters).',
  slug: 'URL-safe name: lowercase letters, digits and single hyphens. Made from the headline when left out on create; never changed unless you pass it.',
  standfirst: 'One- or two-sentence summary shown under the headline (at most 1,000 characters).',
  paragraphs: `The body as plain-text paragraphs (at most ${MAX_BODY_CHARACTERS.toLocaleString('en')} characters in all).`,
  section: 'The primary section (Section ID).',
  otherSections: 'Further sections the article appears in (Section IDs). Replaces the current list.',
  language: 'Language of the text as a BCP 47 tag, such as `en`.',
  bylines: 'The people credited, in display order. Replaces the current list.',
  mentionedPeople: 'People the article names. Replaces the current list.',
  mentionedOrganizations: 'Organizations the article names. Replaces the current list.',
};

const CreateArticleInput = builder.inputType('CreateArticleInput', {
  description: 'A new article. It starts as a draft unless `status` says otherwise.',
  fields: (t) => ({
    headline: t.string({ required: true, description: articleFields.headline }),
    slug: t.string({ description: articleFields.slug }),
    standfirst: t.string({ description: articleFields.standfirst }),
    paragraphs: t.stringList({ required: true, description: articleFields.paragraphs }),
    section: t.id({ required: true, description: articleFields.section }),
    otherSections: t.idList({ description: articleFields.otherSections }),
    language: t.string({ defaultValue: 'en', description: `${articleFields.language} Default \`en\`.` }),
    bylines: t.field({ type: [BylineInput], description: articleFields.bylines }),
    mentionedPeople: t.field({ type: [MentionInput], description: articleFields.mentionedPeople }),
    mentionedOrganizations: t.field({ type: [MentionInput], description: articleFields.mentionedOrganizations }),
    status: t.field({ type: ArticleStatusEnum, defaultValue: 'DRAFT', description: 'Initial status. Default DRAFT.' }),
    publishedAt: t.field({
      type: 'DateTime',
      description: 'Publication time for a PUBLISHED article; a future time schedules it. Default now.',
    }),
    idempotencyKey: t.string({
      description:
        'A key you make up for this article (a UUID, at most 200 characters) so you can safely send the request again when the answer was lost: for 24 hours the same key returns the article it first created instead of a second one; the same key with different input is a ValidationError.',
    }),
  }),
});

const UpdateArticleInput = builder.inputType('UpdateArticleInput', {
  description: 'Changes to an article. Fields left out stay as they are.',
  fields: (t) => ({
    article: t.id({ required: true, description: 'The article to change (Article ID).' }),
    version: t.int({
      required: true,
      description: 'The `version` you last read; a newer one makes this a ConflictError.',
    }),
    headline: t.string({ description: articleFields.headline }),
    slug: t.string({ description: `${articleFields.slug} The old slug keeps resolving to the article.` }),
    standfirst: t.string({ description: `${articleFields.standfirst} Null removes it.` }),
    paragraphs: t.stringList({ description: articleFields.paragraphs }),
    section: t.id({ description: articleFields.section }),
    otherSections: t.idList({ description: articleFields.otherSections }),
    language: t.string({ description: articleFields.language }),
    bylines: t.field({ type: [BylineInput], description: articleFields.bylines }),
    mentionedPeople: t.field({ type: [MentionInput], description: articleFields.mentionedPeople }),
    mentionedOrganizations: t.field({ type: [MentionInput], description: articleFields.mentionedOrganizations }),
  }),
});

/** An article and the version last read: the input of a mutation that changes only its state. */
const versionedArticleInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      article: t.id({ required: true, description: 'The article (Article ID).' }),
      version: t.int({
        required: true,
        description: 'The `version` you last read; a newer one makes this a ConflictError.',
      }),
    }),
  });

const UnpublishArticleInput = versionedArticleInput(
  'UnpublishArticleInput',
  'The article to turn back into a draft, and the version you last read.',
);
const ArchiveArticleInput = versionedArticleInput(
  'ArchiveArticleInput',
  'The article to archive, and the version you last read.',
);
const DeleteArticleInput = versionedArticleInput(
  'DeleteArticleInput',
  'The article to delete, and the version you last read.',
);

const PublishArticleInput = builder.inputType('PublishArticleInput', {
  description: 'Publishes an article now or at a later time.',
  fields: (t) => ({
    article: t.id({ required: true, description: 'The article (Article ID).' }),
    version: t.int({
      required: true,
      description: 'The `version` you last read; a newer one makes this a ConflictError.',
    }),
    at: t.field({ type: 'DateTime', description: 'When it goes public; a future time schedules it. Default now.' }),
  }),
});

type LinkInputs = {
  section?: string | number | null;
  otherSections?: readonly (string | number)[] | null;
  bylines?:
    | readonly { person: string | number; role?: 'AUTHOR' | 'CONTRIBUTOR' | 'PHOTOGRAPHER' | 'EDITOR' | null }[]
    | null;
  mentionedPeople?: readonly { entity: string | number; count?: number | null }[] | null;
  mentionedOrganizations?: readonly { entity: string | number; count?: number | null }[] | null;
};

/** Decodes the IDs in an article input; errors name the input field. */
function decodeLinks(input: LinkInputs): ArticleChanges {
  const id = (field: string, value: string | number, type: 'Section' | 'Person' | 'Organization') =>
    decodeGlobalId(`input.${field}`, String(value), [type]).id;
  return {
    ...(input.section != null && { sectionId: id('section', input.section, 'Section') }),
    ...(input.otherSections != null && {
      otherSectionIds: decodeGlobalIds('input.otherSections', input.otherSections.map(String), ['Section']),
    }),
    ...(input.bylines != null && {
      bylines: input.bylines.map((b, i) => ({
        personId: id(`bylines[${i}].person`, b.person, 'Person'),
        role: b.role ?? 'AUTHOR',
      })),
    }),
    ...(input.mentionedPeople != null && {
      mentionedPeople: input.mentionedPeople.map((m, i) => ({
        id: id(`mentionedPeople[${i}].entity`, m.entity, 'Person'),
        count: m.count ?? 1,
      })),
    }),
    ...(input.mentionedOrganizations != null && {
      mentionedOrganizations: input.mentionedOrganizations.map((m, i) => ({
        id: id(`mentionedOrganizations[${i}].entity`, m.entity, 'Organization'),
        count: m.count ?? 1,
      })),
    }),
  };
}

const articleId = (value: string | number) => decodeGlobalId('input.article', String(value), ['Article']).id;

function setStatus(context: Context, input: { article: string | number; version: number }, changes: ArticleChanges) {
  return updateArticle(context, articleId(input.article), input.version, changes, context.articleEvents?.publish);
}

builder.mutationFields((t) => ({
  createArticle: t.field({
    type: Article,
    description: 'Creates an article (a draft unless `status` says otherwise). Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The new article.' } },
    args: { input: t.arg({ type: CreateArticleInput, required: true, description: 'The article to create.' }) },
    resolve: (_root, { input }, context) => {
      const { idempotencyKey, ...fields } = input;
      const article = {
        ...decodeLinks(input),
        sectionId: decodeGlobalId('input.section', String(input.section), ['Section']).id,
        headline: input.headline,
        slug: input.slug ?? undefined,
        standfirst: input.standfirst,
        paragraphs: input.paragraphs,
        language: input.language ?? 'en',
        status: input.status ?? 'DRAFT',
        publishedAt: input.publishedAt ?? undefined,
      };
      // The key is an input field rather than an HTTP header: it is typed and documented in the
      // schema, and every GraphQL client can set a variable, while per-request headers are awkward.
      return idempotencyKey == null
        ? createArticle(context, article, context.articleEvents?.publish)
        : createArticleOnce(
            context,
            { apiKeyId: context.viewer?.keyId ?? 0, key: idempotencyKey, input: fields },
            article,
            context.articleEvents?.publish,
          );
    },
  }),
  updateArticle: t.field({
    type: Article,
    description: 'Changes an article, if no one else has changed it since `version`. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The article as saved.' } },
    args: { input: t.arg({ type: UpdateArticleInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, context) =>
      updateArticle(
        context,
        articleId(input.article),
        input.version,
        {
          ...decodeLinks(input),
          ...(input.headline != null && { headline: input.headline }),
          ...(input.slug != null && { slug: input.slug }),
          ...(input.standfirst !== undefined && { standfirst: input.standfirst }),
          ...(input.paragraphs != null && { paragraphs: input.paragraphs }),
          ...(input.language != null && { language: input.language }),
        },
        context.articleEvents?.publish,
      ),
  }),
  publishArticle: t.field({
    type: Article,
    description: 'Publishes an article now, or schedules it for `at`. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The published or scheduled article.' } },
    args: { input: t.arg({ type: PublishArticleInput, required: true, description: 'The article and when.' }) },
    resolve: (_root, { input }, context) =>
      setStatus(context, input, { status: 'PUBLISHED', publishedAt: input.at ?? context.now }),
  }),
  unpublishArticle: t.field({
    type: Article,
    description: 'Takes an article off the public site and back to draft. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The article, now a draft.' } },
    args: { input: t.arg({ type: UnpublishArticleInput, required: true, description: 'The article.' }) },
    resolve: (_root, { input }, context) => setStatus(context, input, { status: 'DRAFT' }),
  }),
  archiveArticle: t.field({
    type: Article,
    description: 'Withdraws an article from the public site and marks it archived. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'article', description: 'The archived article.' } },
    args: { input: t.arg({ type: ArchiveArticleInput, required: true, description: 'The article.' }) },
    resolve: (_root, { input }, context) => setStatus(context, input, { status: 'ARCHIVED' }),
  }),
  deleteArticle: t.field({
    type: 'ID',
    description: 'Deletes an article for good, with its bylines and mentions. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'deletedId', description: 'The ID of the deleted article.' } },
    args: { input: t.arg({ type: DeleteArticleInput, required: true, description: 'The article.' }) },
    resolve: async (_root, { input }, context) => {
      await deleteArticle(context, articleId(input.article), input.version, context.articleEvents?.publish);
      return String(input.article);
    },
  }),
}));
