import { z } from 'zod';
import {
  excerpt,
  plainText,
  READING_WORDS_PER_MINUTE,
  readingTimeMinutes,
  splitParagraphs,
  toHtml,
  toMarkdown,
} from '../articles/body.ts';
import { findArticleBySlug } from '../articles/read-store.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { BODY_FIELD_COST } from '../guards/query-cost.ts';
import { bodyFigures } from '../media/body-figures.ts';
import { SITE_URL_RULE, underBase } from '../shared/public-urls.ts';
import { ArticleConnection, ArticleRef, resolveArticleConnection } from './article-connection.ts';
import { ArticleFilterInput, ArticleOrderEnum, resolveArticleWhere } from './article-filter.ts';
import { Section } from './section.ts';
import { prismaQuery } from './selection.ts';

export const ArticleStatusEnum = builder.enumType('ArticleStatus', {
  description: 'Where an article stands in the editorial workflow.',
  values: {
    DRAFT: { description: 'Being written; visible only with an API key (preview).' },
    PUBLISHED: {
      description: 'Public from its `publishedAt` time on; before that it is scheduled and visible only in preview.',
    },
    ARCHIVED: { description: 'Withdrawn from the public site; visible only in preview.' },
  } as const,
});

/** Body images as `html` and `markdown` show them. */
async function figures(articleId: number, context: Context) {
  return bodyFigures(
    await context.loaders.articleBodyImages.load(articleId),
    context.media.config.widths,
    context.publicUrls.api,
  );
}

async function articlePath(article: { sectionId: number; slug: string }, context: Context) {
  return `${(await context.loaders.sectionTree()).path(article.sectionId)}/${article.slug}`.replace(/^\/\//, '/');
}

/**
 * The columns every Article loads: the ones nearly every list shows, and what a cursor reads.
 * Select mode: every other column is named by the field that reads it (its `select`), so a
 * statement reads only what its document shows, and a resolver's row type holds only what was
 * loaded. Direct execution reads such a field's column off the row with no lookup per row.
 */
export const ARTICLE_COLUMNS = {
  id: true,
  slug: true,
  headline: true,
  standfirst: true,
  publishedAt: true,
} as const;

export const Article = builder.prismaNode('Article', {
  description:
    'A published news story: its text in several renderings, where it is filed, who wrote it and who and what it mentions.',
  id: { field: 'id' },
  select: ARTICLE_COLUMNS,
  fields: (t) => ({
    slug: t.string({ description: 'Unique, URL-safe name of the article.', resolve: (article) => article.slug }),
    headline: t.string({ description: 'The title shown above the story.', resolve: (article) => article.headline }),
    standfirst: t.string({
      nullable: true,
      description: 'One- or two-sentence summary shown under the headline, when the desk wrote one.',
      resolve: (article) => article.standfirst,
    }),
    urlPath: t.string({
      description: "Path of the article's page on the site: its section path followed by its slug.",
      select: { sectionId: true },
      resolve: (article, _args, context) => articlePath(article, context),
    }),
    url: t.string({
      description: `Address of the article's page: ${SITE_URL_RULE}`,
      select: { sectionId: true },
      resolve: async (article, _args, context) =>
        underBase(context.publicUrls.site, await articlePath(article, context)),
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the article is or was published; in the future for a scheduled article, null for an unscheduled draft.',
      resolve: (article) => article.publishedAt,
    }),
    status: t.field({
      type: ArticleStatusEnum,
      description: 'Where the article stands in the editorial workflow.',
      select: { status: true },
      resolve: (article) => article.status,
    }),
    version: t.int({
      description:
        'Incremented by every change. Pass it back with an update so no one overwrites a change they have not seen.',
      select: { version: true },
      resolve: (article) => article.version,
    }),
    formerSlugs: t.field({
      type: ['String'],
      description: 'Slugs the article had before; `article(slug:)` still finds it by them.',
      select: { formerSlugs: { select: { slug: true }, orderBy: { createdAt: 'asc' } } },
      resolve: (article) => article.formerSlugs.map((entry) => entry.slug),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the article was last changed.',
      select: { updatedAt: true },
      resolve: (article) => article.updatedAt,
    }),
    language: t.string({
      description: 'Language of the text as a BCP 47 tag, such as `en` or `de`.',
      select: { language: true },
      resolve: (article) => article.language,
    }),
    section: t.relation('section', {
      description: 'The section the article is filed under.',
    }),
    otherSections: t.field({
      type: [Section],
      description: 'Further sections the article also appears in, besides its primary section.',
      select: { otherSections: { select: { section: true } } },
      resolve: (article) => article.otherSections.map((entry) => entry.section),
    }),
    bylines: t.relation('bylines', {
      description: 'The people credited for the article, in display order.',
      query: { orderBy: [{ position: 'asc' }, { personId: 'asc' }] },
    }),
    mentionedPeople: t.relation('personMentions', {
      description: 'People named in the text, most mentioned first.',
      query: { orderBy: [{ count: 'desc' }, { personId: 'asc' }] },
    }),
    mentionedOrganizations: t.relation('organizationMentions', {
      description: 'Organizations named in the text, most mentioned first.',
      query: { orderBy: [{ count: 'desc' }, { organizationId: 'asc' }] },
    }),
    paragraphs: t.stringList({
      complexity: BODY_FIELD_COST,
      description: 'The body as plain-text paragraphs, in order.',
      select: { body: true },
      resolve: (article) => splitParagraphs(article.body),
    }),
    text: t.string({
      complexity: BODY_FIELD_COST,
      description: 'The body as plain text, paragraphs separated by a blank line.',
      select: { body: true },
      resolve: (article) => plainText(article.body),
    }),
    html: t.string({
      complexity: BODY_FIELD_COST,
      description:
        'The body as HTML: one `<p>` element per paragraph, all text escaped, and a `<figure>` for each body image in its place (JPEG `src` and `srcset`, `alt`, caption and credit).',
      select: { body: true },
      resolve: async (article, _args, context) =>
        toHtml(splitParagraphs(article.body), await figures(article.id, context)),
    }),
    markdown: t.string({
      complexity: BODY_FIELD_COST,
      description:
        'The body as Markdown: paragraphs separated by a blank line, Markdown syntax characters escaped, each body image in its place as `![alt](<path> "caption — credit")`.',
      select: { body: true },
      resolve: async (article, _args, context) =>
        toMarkdown(splitParagraphs(article.body), await figures(article.id, context)),
    }),
    excerpt: t.string({
      description: 'The start of the body, cut at a word boundary and ending in "…" when shortened.',
      select: { body: true },
      args: {
        maxLength: t.arg.int({
          description: 'Most characters to return, 1 to 2000. Default 200.',
          defaultValue: 200,
          required: true,
          validate: z.number().int().min(1).max(2000),
        }),
      },
      resolve: (article, args) => excerpt(splitParagraphs(article.body), args.maxLength),
    }),
    wordCount: t.int({
      description: 'Number of words in the body.',
      select: { wordCount: true },
      resolve: (article) => article.wordCount,
    }),
    readingTimeMinutes: t.int({
      description: `Estimated minutes to read the body at ${READING_WORDS_PER_MINUTE} words a minute, at least 1.`,
      select: { wordCount: true },
      resolve: (article) => readingTimeMinutes(article.wordCount),
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.field({
    type: Article,
    nullable: true,
    description:
      'The article with this slug, or null when there is none. A former slug finds the article too: when `slug` differs from the one you asked for, redirect to `urlPath`.',
    args: { slug: t.arg.string({ required: true, description: 'The article slug, current or former.' }) },
    resolve: async (_root, args, context, info) =>
      findArticleBySlug(context, args.slug, await prismaQuery(context, info)),
  }),
  articles: t.connection(
    {
      type: ArticleRef,
      description: 'Published articles, newest first unless `orderBy` says otherwise.',
      args: {
        filter: t.arg({ type: ArticleFilterInput, description: 'Only articles that match this filter.' }),
        orderBy: t.arg({
          type: ArticleOrderEnum,
          defaultValue: 'NEWEST_FIRST',
          description: 'Sort order. Default NEWEST_FIRST.',
        }),
      },
      resolve: async (_root, args, context, info) => {
        return resolveArticleConnection(args, context, info, await resolveArticleWhere(args.filter, context));
      },
    },
    ArticleConnection,
  ),
}));
