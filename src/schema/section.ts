import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { inSections } from '../services/article-query.ts';
import { countScopedArticles, findScopedArticles, scopedArticleArgs } from './article-filter.ts';

export const Section = builder.prismaNode('Section', {
  description: 'A part of the site such as Politics or World › Americas. Sections form a tree.',
  id: { field: 'id' },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Unique, URL-safe name of the section.' }),
    name: t.exposeString('name', { description: 'Display name, such as "Americas".' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the section covers, in a sentence.',
    }),
    position: t.exposeInt('position', { description: 'Order among its sibling sections, lowest first.' }),
    urlPath: t.string({
      description: "Path of the section's page, such as `/world/americas`.",
      resolve: async (section, _args, context) => (await context.loaders.sectionTree()).path(section.id),
    }),
    articleCount: t.int({
      description: 'Number of published articles in this section and the sections below it.',
      resolve: (section, _args, context) => context.loaders.sectionArticleCount.load(section.id),
    }),
    articles: t.prismaConnection(
      {
        type: 'Article',
        cursor: 'id',
        description:
          'Published articles filed in this section or a section below it (see `filter.includeSubsections`).',
        args: scopedArticleArgs,
        totalCount: async (section, args, context) =>
          countScopedArticles(await sectionScope(section.id, args.filter?.includeSubsections, context), args, context),
        resolve: async (query, section, args, context) =>
          findScopedArticles(
            query,
            await sectionScope(section.id, args.filter?.includeSubsections, context),
            args,
            context,
          ),
      },
      { description: 'A page of articles in a section.' },
      { description: 'An article in a page of a section.' },
    ),
  }),
});

// Fields that return sections are added once the Section type exists.
builder.prismaObjectFields(Section, (t) => ({
  parent: t.field({
    type: Section,
    nullable: true,
    description: 'The section this one sits in, or null for a top-level section.',
    resolve: async (section, _args, context) =>
      section.parentId === null ? null : context.loaders.section.load(section.parentId),
  }),
  ancestors: t.field({
    type: [Section],
    description: 'The sections above this one, from the top level down: a breadcrumb trail.',
    resolve: async (section, _args, context) => (await context.loaders.sectionTree()).ancestors(section.id),
  }),
  children: t.field({
    type: [Section],
    description: 'The sections directly below this one, in display order.',
    resolve: async (section, _args, context) => (await context.loaders.sectionTree()).children(section.id),
  }),
}));

async function sectionScope(sectionId: number, includeSubsections: boolean | null | undefined, context: Context) {
  return inSections([sectionId], includeSubsections ?? true, await context.loaders.sectionTree());
}

builder.queryFields((t) => ({
  section: t.field({
    type: Section,
    nullable: true,
    description: 'The section with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The section slug, such as `americas`.' }) },
    resolve: async (_root, args, context) => (await context.loaders.sectionTree()).bySlug(args.slug) ?? null,
  }),
  sections: t.field({
    type: [Section],
    description: 'The top-level sections in display order; follow `children` for the rest of the tree.',
    resolve: async (_root, _args, context) => (await context.loaders.sectionTree()).roots(),
  }),
}));
