import type { GraphQLResolveInfo } from 'graphql';
import type { Article, Prisma } from '../../generated/prisma/client.ts';
import { type ArticleFilter, articleWhere } from '../articles/query.ts';
import type { ArticlePageRequest } from '../articles/read-store.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import {
  type ArticleConnectionArgs,
  type ArticleConnectionShape,
  articleConnection,
  articlePageRequest,
  type PlannedArticlePage,
  planArticlePageWithoutLookups,
  resolveArticleConnection,
} from './article-connection.ts';
import { decodeGlobalIds } from './global-id.ts';
import { selectedChildField } from './selection.ts';

export const ArticleOrderEnum = builder.enumType('ArticleOrder', {
  description: 'How a list of articles is sorted.',
  values: {
    NEWEST_FIRST: { description: 'Most recently published first (the default).' },
    OLDEST_FIRST: { description: 'Earliest published first.' },
    HEADLINE: { description: 'Alphabetically by headline.' },
    UPDATED_OLDEST_FIRST: {
      description:
        'Least recently changed first, ties broken by ID: a stable order for syncing with `filter.updatedSince` (README "Sync").',
    },
  } as const,
});

export const ArticleFilterInput = builder.inputType('ArticleFilter', {
  description: 'Narrows a list of articles. Every field given must match; a list matches any of its values.',
  fields: (t) => ({
    sections: t.idList({ description: 'Articles filed in any of these sections (Section IDs).' }),
    includeSubsections: t.boolean({
      description: 'Whether `sections` also matches the sections below them. Default true.',
      defaultValue: true,
    }),
    authors: t.idList({ description: 'Articles bylined to any of these people (Person IDs).' }),
    mentionedPeople: t.idList({ description: 'Articles that mention any of these people (Person IDs).' }),
    mentionedOrganizations: t.idList({
      description: 'Articles that mention any of these organizations (Organization IDs).',
    }),
    publishedAfter: t.field({ type: 'DateTime', description: 'Articles published after this instant.' }),
    publishedBefore: t.field({ type: 'DateTime', description: 'Articles published before this instant.' }),
    language: t.string({ description: 'Articles in this language (BCP 47 tag, such as `en`).' }),
    updatedSince: t.field({
      type: 'DateTime',
      description:
        'Articles changed at or after this instant, or that became public since (a scheduled article whose time came). For sync: pass the largest `updatedAt` you received last time, order by UPDATED_OLDEST_FIRST, and fetch `deletedArticles(since:)` too.',
    }),
  }),
});

/** Arguments of every list of articles that belongs to a section, person or organization. */
export const scopedArticleArgs = builder.args((t) => ({
  filter: t.field({ type: ArticleFilterInput, description: 'Further narrows the articles.' }),
  orderBy: t.field({
    type: ArticleOrderEnum,
    defaultValue: 'NEWEST_FIRST',
    description: 'Sort order. Default NEWEST_FIRST.',
  }),
}));

type ArticleFilterArg = typeof ArticleFilterInput.$inferInput;

/** Turns the GraphQL filter into a Prisma condition; errors name the offending argument. */
export async function resolveArticleWhere(filter: ArticleFilterArg | null | undefined, context: Context) {
  const decoded = decodeArticleFilter(filter);
  // The section tree costs a statement; only a section filter needs it.
  return articleWhere(decoded, context, decoded.sectionIds ? await context.loaders.sectionTree() : undefined);
}

/** The GraphQL filter with its global IDs decoded; errors name the offending argument. */
export function decodeArticleFilter(filter: ArticleFilterArg | null | undefined): ArticleFilter {
  const f = filter ?? {};
  const idsOf = <T extends 'Section' | 'Person' | 'Organization'>(
    name: string,
    values: readonly (string | number)[] | null | undefined,
    type: T,
  ) => (values ? decodeGlobalIds(`filter.${name}`, values.map(String), [type]) : null);
  return {
    sectionIds: idsOf('sections', f.sections, 'Section'),
    includeSubsections: f.includeSubsections,
    authorIds: idsOf('authors', f.authors, 'Person'),
    mentionedPersonIds: idsOf('mentionedPeople', f.mentionedPeople, 'Person'),
    mentionedOrganizationIds: idsOf('mentionedOrganizations', f.mentionedOrganizations, 'Organization'),
    publishedAfter: f.publishedAfter,
    publishedBefore: f.publishedBefore,
    language: f.language,
    updatedSince: f.updatedSince,
  };
}

type ScopedArticleArgs = { filter?: ArticleFilterArg | null; orderBy?: string | null };

/**
 * A page of one parent's articles (a section's, a person's, an organization's) further narrowed by
 * the caller's filter: both conditions must hold.
 */
export async function resolveScopedArticles(
  scope: Prisma.ArticleWhereInput,
  args: ScopedArticleArgs & ArticleConnectionArgs,
  context: Context,
  info: GraphQLResolveInfo,
) {
  const where = { AND: [scope, await resolveArticleWhere(args.filter, context)] };
  return resolveArticleConnection(args, context, info, where);
}

/**
 * A page of one parent's articles planned by the parent's resolver, so that its parent's statement
 * reads it: the page, and the caller's filter (without the parent's scope).
 */
export type NestedScopedArticles = { page: PlannedArticlePage; filter: Prisma.ArticleWhereInput };

/**
 * The page of the list of articles `fieldName` (a field with `scopedArticleArgs`) selected below
 * the field being resolved, planned as that field would plan it; undefined when the field must
 * read its own: under graphql-js, when it is selected under several keys or none, when planning
 * it would send a statement (a section filter's tree, an old cursor), when it reads no page (only
 * `totalCount`), and when its arguments are wrong, which the field then reports as it always does.
 */
export async function planNestedScopedArticles(
  context: Context,
  info: GraphQLResolveInfo,
  fieldName: string,
): Promise<NestedScopedArticles | undefined> {
  try {
    const child = selectedChildField(info, fieldName);
    if (!child) return undefined;
    const args = child.args as ScopedArticleArgs & ArticleConnectionArgs;
    const decoded = decodeArticleFilter(args.filter);
    if (decoded.sectionIds) return undefined;
    const planned = planArticlePageWithoutLookups(args, context, child.info);
    const page = planned && (await planned);
    if (!page || page.onlyCount) return undefined;
    return { page, filter: articleWhere(decoded, context, undefined) };
  } catch {
    return undefined;
  }
}

/** What the parent's statement reads for the nested page, for the parent's articles (`scope`). */
export function nestedScopedArticlesRequest(
  nested: NestedScopedArticles,
  scope: Prisma.ArticleWhereInput,
): ArticlePageRequest {
  return articlePageRequest(nested.page, { AND: [scope, nested.filter] });
}

/** Where a parent row carries the page of its list read in its own statement. */
const NESTED_PAGE = Symbol('lede.nestedScopedArticles');

/**
 * The parent row, carrying the page its statement read for the nested list (`rows`, the parent's
 * articles being `scope`), for the list's field to answer with (`nestedScopedArticles`).
 */
export function withNestedScopedArticles<T extends object>(
  parent: T,
  nested: NestedScopedArticles,
  rows: Article[],
  context: Context,
  scope: Prisma.ArticleWhereInput,
): T {
  const connection = articleConnection(nested.page, rows, context, { AND: [scope, nested.filter] });
  (parent as { [NESTED_PAGE]?: ArticleConnectionShape })[NESTED_PAGE] = connection;
  return parent;
}

/** The page the parent's statement read for its list of articles, if it read one. */
export function nestedScopedArticles(parent: object): ArticleConnectionShape | undefined {
  return (parent as { [NESTED_PAGE]?: ArticleConnectionShape })[NESTED_PAGE];
}
