import { z } from 'zod';
import type { OrganizationKind, Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { findIdsByName } from '../services/name-search.ts';
import { countScopedArticles, findScopedArticles, scopedArticleArgs } from './article-filter.ts';

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
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Unique, URL-safe name of the organization.' }),
    name: t.exposeString('name', { description: 'Full name, such as "Harbourview City Council".' }),
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
    mentionedIn: t.prismaConnection(
      {
        type: 'Article',
        cursor: 'id',
        description: 'Published articles that mention the organization.',
        args: scopedArticleArgs,
        totalCount: (organization, args, context) =>
          countScopedArticles({ organizationMentions: { some: { organizationId: organization.id } } }, args, context),
        resolve: (query, organization, args, context) =>
          findScopedArticles(
            query,
            { organizationMentions: { some: { organizationId: organization.id } } },
            args,
            context,
          ),
      },
      { description: 'A page of articles that mention an organization.' },
      { description: 'An article that mentions an organization.' },
    ),
  }),
});

builder.queryFields((t) => ({
  organization: t.prismaField({
    type: 'Organization',
    nullable: true,
    description: 'The organization with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The organization slug.' }) },
    resolve: (query, _root, args, context) =>
      context.prisma.organization.findUnique({ ...query, where: { slug: args.slug } }),
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
      totalCount: async (_root, args, context) =>
        context.prisma.organization.count({
          where: await organizationWhere(args, context),
        }),
      resolve: async (query, _root, args, context) =>
        context.prisma.organization.findMany({
          ...query,
          where: await organizationWhere(args, context),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
    },
    { description: 'A page of organizations.' },
    { description: 'An organization in a page of organizations.' },
  ),
}));

async function organizationWhere(
  args: { search?: string | null; kind?: OrganizationKind | null },
  context: Context,
): Promise<Prisma.OrganizationWhereInput> {
  return {
    ...(args.search ? { id: { in: await findIdsByName(context.prisma, 'Organization', args.search) } } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
  };
}
