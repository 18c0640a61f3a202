import { z } from 'zod';
import { builder } from '../builder.ts';
import {
  createOrganization,
  deleteOrganization,
  MAX_MERGE_DUPLICATES,
  mergeOrganizations,
  updateOrganization,
} from '../entities/editor.ts';
import { MAX_ALIASES, MAX_DESCRIPTION_CHARACTERS } from '../entities/fields.ts';
import {
  countOrganizations,
  listOrganizations,
  mentioningOrganization,
  type OrganizationSelection,
  organizationBySlug,
  organizationBySlugWithArticles,
} from '../entities/store.ts';
import { SITE_URL_RULE, underBase } from '../shared/public-urls.ts';
import { ArticleConnection, ArticleRef } from './article-connection.ts';
import {
  nestedScopedArticles,
  nestedScopedArticlesRequest,
  planNestedScopedArticles,
  resolveScopedArticles,
  scopedArticleArgs,
  withNestedScopedArticles,
} from './article-filter.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId, decodeGlobalIds } from './global-id.ts';
import { prismaQuery } from './selection.ts';

const searchText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const OrganizationKindEnum = builder.enumType('OrganizationKind', {
  description: 'The broad category of an organization.',
  values: {
    GOVERNMENT_BODY: { description: 'A ministry, department, council, agency or other public authority.' },
    POLITICAL_PARTY: { description: 'A political party or movement.' },
    COMPANY: { description: 'A business.' },
    NON_PROFIT: { description: 'A charity, campaign group, union or other non-profit body.' },
    CRIMINAL_GROUP: { description: 'A gang, cartel or other criminal organization.' },
    MEDIA: { description: 'A newspaper, broadcaster, agency or other news organization.' },
    FACILITY: { description: 'A place run as an institution, such as a hospital, port, prison or stadium.' },
    EDUCATION: { description: 'A school, university or research institute.' },
    INTERNATIONAL_BODY: { description: 'An intergovernmental organization, such as a treaty body.' },
    SPORTS_CLUB: { description: 'A sports club, team or league.' },
    OTHER: { description: 'Anything that fits none of the other kinds.' },
  } as const,
});

export const Organization = builder.prismaNode('Organization', {
  description: 'A government body, party, company or other organization that appears in stories.',
  id: { field: 'id' },
  // Select mode: bylines and mentions load only the name and slug (read by plain resolvers); the
  // other columns are loaded when a field asks for them.
  select: { id: true, slug: true, name: true },
  fields: (t) => ({
    slug: t.string({
      description: 'Unique, URL-safe name of the organization.',
      resolve: (organization) => organization.slug,
    }),
    name: t.string({
      description: 'Full name, such as "Harbourview City Council".',
      resolve: (organization) => organization.name,
    }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other names the organization appears under, such as abbreviations.',
    }),
    kind: t.expose('kind', { type: OrganizationKindEnum, description: 'What sort of organization it is.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the organization is, in a sentence.',
    }),
    country: t.exposeString('country', {
      nullable: true,
      description: 'Country the organization is based in, as an ISO 3166-1 alpha-2 code such as `GB`.',
    }),
    reviewed: t.exposeBoolean('reviewed', {
      description: 'True once an editor has confirmed this entry; false for organizations found automatically in text.',
    }),
    urlPath: t.string({
      description: "Path of the organization's page on the site, such as `/organizations/harbourview-city-council`.",
      resolve: (organization) => `/organizations/${organization.slug}`,
    }),
    url: t.string({
      description: `Address of the organization's page: ${SITE_URL_RULE}`,
      resolve: (organization, _args, context) =>
        underBase(context.publicUrls.site, `/organizations/${organization.slug}`),
    }),
    parent: t.relation('parent', { nullable: true, description: 'The organization this one belongs to, if any.' }),
    children: t.relation('children', {
      description: 'Organizations that belong to this one, by name.',
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
    members: t.relation('affiliations', {
      description: 'People who hold or held a role at the organization, most recent first.',
      query: { orderBy: [{ since: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] },
    }),
    mentionCount: t.int({
      description: 'Number of published articles that mention the organization.',
      resolve: (organization, _args, context) => context.loaders.organizationMentionCount.load(organization.id),
    }),
    mentionedIn: t.connection(
      {
        type: ArticleRef,
        description: 'Published articles that mention the organization.',
        args: scopedArticleArgs,
        resolve: (organization, args, context, info) =>
          nestedScopedArticles(organization) ??
          resolveScopedArticles(mentioningOrganization(organization.id), args, context, info),
      },
      ArticleConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  organization: t.field({
    type: Organization,
    nullable: true,
    description: 'The organization with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The organization slug.' }) },
    resolve: async (_root, args, context, info) => {
      const selection = await prismaQuery<OrganizationSelection>(context, info);
      // The page of `mentionedIn`, when it can be planned here, is read in the organization's statement.
      const nested = await planNestedScopedArticles(context, info, 'mentionedIn');
      const read =
        nested &&
        (await organizationBySlugWithArticles(context, selection, args.slug, (scope) =>
          nestedScopedArticlesRequest(nested, scope),
        ));
      if (!nested || !read) return organizationBySlug(context, selection, args.slug);
      const { row, list } = read;
      return row && withNestedScopedArticles(row, nested, list, context, mentioningOrganization(row.id));
    },
  }),
  organizations: t.prismaConnection(
    {
      type: 'Organization',
      cursor: 'id',
      description: 'Organizations in alphabetical order of name, optionally filtered.',
      args: {
        search: t.arg.string({
          description: 'Only organizations whose name or an alias contains this text, ignoring case.',
          validate: searchText.nullish(),
        }),
        kind: t.arg({ type: OrganizationKindEnum, description: 'Only organizations of this kind.' }),
      },
      totalCount: (_root, args, context) => countOrganizations(context, args),
      resolve: (query, _root, args, context) => listOrganizations(context, query, args),
    },
    { name: 'OrganizationConnection', description: 'A page of organizations.' },
    { name: 'OrganizationEdge', description: 'An organization in a page of organizations, with its cursor.' },
  ),
}));

const organizationFields = {
  name: 'Full name, such as "Harbourview City Council": at most 200 characters, not blank.',
  slug: 'URL-safe name: lowercase letters, digits and single hyphens, unique among organizations.',
  aliases: `Other names the organization appears under, such as abbreviations: at most ${MAX_ALIASES}, each at most 200 characters. Repeats and the name itself are left out.`,
  description: `What the organization is, in a sentence (at most ${MAX_DESCRIPTION_CHARACTERS.toLocaleString('en')} characters).`,
  country: 'Country it is based in, as an ISO 3166-1 alpha-2 code in capitals, such as `GB`.',
  parent: 'The organization this one belongs to (Organization ID).',
};

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  description: 'A new organization.',
  fields: (t) => ({
    name: t.string({ required: true, description: organizationFields.name }),
    slug: t.string({
      description: `${organizationFields.slug} Made from the name when left out, with -2, -3… added if taken.`,
    }),
    aliases: t.stringList({ description: organizationFields.aliases }),
    kind: t.field({ type: OrganizationKindEnum, required: true, description: 'What sort of organization it is.' }),
    description: t.string({ description: organizationFields.description }),
    country: t.string({ description: organizationFields.country }),
    parent: t.id({ description: `${organizationFields.parent} Left out for an independent organization.` }),
  }),
});

const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  description: 'Changes to an organization. Fields left out (or null, unless said otherwise) stay as they are.',
  fields: (t) => ({
    organization: t.id({ required: true, description: 'The organization to change (Organization ID).' }),
    name: t.string({
      description: `${organizationFields.name} The old name becomes an alias unless \`keepOldNameAsAlias\` is false; the slug stays.`,
    }),
    keepOldNameAsAlias: t.boolean({
      defaultValue: true,
      description:
        'When `name` changes, keep the old name as an alias so stories that use it still find the organization. Default true.',
    }),
    slug: t.string({ description: `${organizationFields.slug} Links to the old slug stop working.` }),
    aliases: t.stringList({
      description: `Replaces the whole alias list; pass [] to remove every alias. ${organizationFields.aliases}`,
    }),
    addAliases: t.stringList({ description: 'Aliases to add to the current list (or to `aliases`, when given too).' }),
    kind: t.field({ type: OrganizationKindEnum, description: 'What sort of organization it is.' }),
    description: t.string({ description: `${organizationFields.description} Null removes it.` }),
    country: t.string({ description: `${organizationFields.country} Null removes it.` }),
    parent: t.id({
      description: `${organizationFields.parent} Null makes it independent. It may not be the organization itself or one that belongs to it.`,
    }),
    reviewed: t.boolean({
      description: 'True confirms the entry as checked by an editor; false marks it as needing review again.',
    }),
  }),
});

const MergeOrganizationsInput = builder.inputType('MergeOrganizationsInput', {
  description: 'Duplicate entries for one real organization, and the entry to keep.',
  fields: (t) => ({
    survivor: t.id({
      required: true,
      description: 'The entry to keep (Organization ID). It keeps its name and slug.',
    }),
    duplicates: t.idList({
      required: true,
      description: `The entries to fold into the survivor and delete (Organization IDs, 1 to ${MAX_MERGE_DUPLICATES}).`,
    }),
  }),
});

const DeleteOrganizationInput = builder.inputType('DeleteOrganizationInput', {
  description: 'Names the organization to delete.',
  fields: (t) => ({
    organization: t.id({ required: true, description: 'The organization to delete (Organization ID).' }),
  }),
});

const decodeOrganizationId = (field: string, value: string) =>
  decodeGlobalId(`input.${field}`, value, ['Organization']).id;

const decodeParent = (value: string | null | undefined) =>
  value == null ? value : decodeOrganizationId('parent', value);

builder.mutationFields((t) => ({
  createOrganization: t.field({
    type: Organization,
    description:
      'Adds an organization, marked as reviewed. The slug is made from the name unless you give one. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'organization', description: 'The new organization.' } },
    args: {
      input: t.arg({ type: CreateOrganizationInput, required: true, description: 'The organization to add.' }),
    },
    resolve: (_root, { input }, context) =>
      createOrganization(context, {
        name: input.name,
        slug: input.slug ?? undefined,
        aliases: input.aliases ?? [],
        kind: input.kind,
        description: input.description,
        country: input.country,
        parentId: decodeParent(input.parent),
      }),
  }),
  updateOrganization: t.field({
    type: Organization,
    description:
      'Changes an organization: rename (keeping the old name as an alias unless told otherwise), replace or add ' +
      'aliases, move it under another organization, or confirm with `reviewed: true`. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'organization', description: 'The organization as saved.' } },
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, context) =>
      updateOrganization(context, decodeOrganizationId('organization', input.organization), {
        name: input.name ?? undefined,
        keepOldNameAsAlias: input.keepOldNameAsAlias ?? true,
        slug: input.slug ?? undefined,
        aliases: input.aliases ?? undefined,
        addAliases: input.addAliases ?? undefined,
        kind: input.kind ?? undefined,
        description: input.description,
        country: input.country,
        parentId: decodeParent(input.parent),
        reviewed: input.reviewed ?? undefined,
      }),
  }),
  mergeOrganizations: t.field({
    type: Organization,
    description:
      "Merges duplicate entries into one organization, all or nothing: the duplicates' mentions, affiliations and " +
      'member organizations move to the survivor, their names and aliases become its aliases, and they are deleted. ' +
      'Mentions of the same article become one (counts added, every text span kept); an identical affiliation is kept ' +
      'once. If a duplicate sat above the survivor, the survivor takes its place in the tree. A description, country ' +
      'or kind (other than OTHER) the survivor lacks comes from the first duplicate that has one. Admins only.',
    authScopes: { admin: true },
    errors: {
      types: writeErrors,
      dataField: { name: 'organization', description: 'The surviving organization, with everything merged into it.' },
    },
    args: {
      input: t.arg({ type: MergeOrganizationsInput, required: true, description: 'What to merge into what.' }),
    },
    resolve: (_root, { input }, context) =>
      mergeOrganizations(
        context,
        decodeOrganizationId('survivor', input.survivor),
        decodeGlobalIds('input.duplicates', input.duplicates, ['Organization']),
      ),
  }),
  deleteOrganization: t.field({
    type: 'ID',
    description:
      'Deletes an organization with its mentions and affiliations; organizations that belonged to it become ' +
      'independent. Admins only.',
    authScopes: { admin: true },
    errors: {
      types: writeErrors,
      dataField: { name: 'deletedId', description: 'The ID of the deleted organization.' },
    },
    args: {
      input: t.arg({ type: DeleteOrganizationInput, required: true, description: 'The organization to delete.' }),
    },
    resolve: async (_root, { input }, context) => {
      await deleteOrganization(context, decodeOrganizationId('organization', input.organization));
      return input.organization;
    },
  }),
}));
