import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { findIdsByName } from '../services/name-search.ts';
import { countScopedArticles, findScopedArticles, scopedArticleArgs } from './article-filter.ts';

const searchText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const Person = builder.prismaNode('Person', {
  description: 'A person who writes for the newsroom or appears in its stories.',
  id: { field: 'id' },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Unique, URL-safe name of the person.' }),
    name: t.exposeString('name', { description: 'Full name as usually written, such as "Elena Voss".' }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other names the person appears under in stories, such as nicknames or spellings.',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'A short description, usually a job title, such as "Mayor of Harbourview".',
    }),
    reviewed: t.exposeBoolean('reviewed', {
      description: 'True once an editor has confirmed this entry; false for people found automatically in text.',
    }),
    urlPath: t.string({
      description: "Path of the person's page on the site, such as `/people/elena-voss`.",
      resolve: (person) => `/people/${person.slug}`,
    }),
    affiliations: t.relation('affiliations', {
      description: 'Roles the person holds or held at organizations, most recent first.',
      query: { orderBy: [{ since: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] },
    }),
    articleCount: t.int({
      description: 'Number of published articles the person is credited on.',
      resolve: (person, _args, context) => context.loaders.personArticleCount.load(person.id),
    }),
    mentionCount: t.int({
      description: 'Number of published articles that mention the person.',
      resolve: (person, _args, context) => context.loaders.personMentionCount.load(person.id),
    }),
    articles: t.prismaConnection(
      {
        type: 'Article',
        cursor: 'id',
        description: 'Published articles the person is credited on (bylined).',
        args: scopedArticleArgs,
        totalCount: (person, args, context) =>
          countScopedArticles({ bylines: { some: { personId: person.id } } }, args, context),
        resolve: (query, person, args, context) =>
          findScopedArticles(query, { bylines: { some: { personId: person.id } } }, args, context),
      },
      { description: 'A page of articles credited to a person.' },
      { description: 'An article credited to a person.' },
    ),
    mentionedIn: t.prismaConnection(
      {
        type: 'Article',
        cursor: 'id',
        description: 'Published articles that mention the person.',
        args: scopedArticleArgs,
        totalCount: (person, args, context) =>
          countScopedArticles({ personMentions: { some: { personId: person.id } } }, args, context),
        resolve: (query, person, args, context) =>
          findScopedArticles(query, { personMentions: { some: { personId: person.id } } }, args, context),
      },
      { description: 'A page of articles that mention a person.' },
      { description: 'An article that mentions a person.' },
    ),
  }),
});

builder.queryFields((t) => ({
  person: t.prismaField({
    type: 'Person',
    nullable: true,
    description: 'The person with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The person slug, such as `elena-voss`.' }) },
    resolve: (query, _root, args, context) =>
      context.prisma.person.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  people: t.prismaConnection(
    {
      type: 'Person',
      cursor: 'id',
      description: 'People in alphabetical order of name, optionally only those matching `search`.',
      args: {
        search: t.arg.string({
          description: 'Only people whose name or an alias contains this text, ignoring case.',
          validate: searchText.nullish(),
        }),
      },
      totalCount: async (_root, args, context) =>
        context.prisma.person.count({
          where: await personWhere(args, context),
        }),
      resolve: async (query, _root, args, context) =>
        context.prisma.person.findMany({
          ...query,
          where: await personWhere(args, context),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
    },
    { description: 'A page of people.' },
    { description: 'A person in a page of people.' },
  ),
}));

async function personWhere(args: { search?: string | null }, context: Context): Promise<Prisma.PersonWhereInput> {
  return args.search ? { id: { in: await findIdsByName(context.prisma, 'Person', args.search) } } : {};
}
