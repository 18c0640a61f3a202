import { inSections } from '../articles/query.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { MAX_DESCRIPTION_CHARACTERS } from '../entities/fields.ts';
import { createSection, deleteSection, updateSection } from '../sections/editor.ts';
import { SITE_URL_RULE, underBase } from '../shared/public-urls.ts';
import { ArticleConnection, ArticleRef } from './article-connection.ts';
import { resolveScopedArticles, scopedArticleArgs } from './article-filter.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId } from './global-id.ts';

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
    url: t.string({
      description: `Address of the section's page: ${SITE_URL_RULE}`,
      resolve: async (section, _args, context) =>
        underBase(context.publicUrls.site, (await context.loaders.sectionTree()).path(section.id)),
    }),
    articleCount: t.int({
      description: 'Number of published articles in this section and the sections below it.',
      resolve: (section, _args, context) => context.loaders.sectionArticleCount.load(section.id),
    }),
    articles: t.connection(
      {
        type: ArticleRef,
        description:
          'Published articles filed in this section or a section below it (see `filter.includeSubsections`).',
        args: scopedArticleArgs,
        resolve: async (section, args, context, info) =>
          resolveScopedArticles(
            await sectionScope(section.id, args.filter?.includeSubsections, context),
            args,
            context,
            info,
          ),
      },
      ArticleConnection,
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

/** Runs a section write, then has this gateway's shared tree loaded again (src/sections/shared-tree.ts). */
async function forgettingTree<Args extends unknown[], Result>(
  context: Context,
  write: (db: Context, ...args: Args) => Promise<Result>,
  ...args: Args
): Promise<Result> {
  try {
    return await write(context, ...args);
  } finally {
    context.sectionTrees.forget();
  }
}

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

const sectionFields = {
  name: 'Display name, such as "Americas": at most 200 characters, not blank.',
  slug: "URL-safe name: lowercase letters, digits and single hyphens, unique among sections. It is the section's part of `urlPath`.",
  description: `What the section covers, in a sentence (at most ${MAX_DESCRIPTION_CHARACTERS.toLocaleString('en')} characters).`,
  position: 'Order among its sibling sections, lowest first; 0 or more.',
};

const CreateSectionInput = builder.inputType('CreateSectionInput', {
  description: 'A new section.',
  fields: (t) => ({
    name: t.string({ required: true, description: sectionFields.name }),
    slug: t.string({
      description: `${sectionFields.slug} Made from the name when left out, with -2, -3… added if taken.`,
    }),
    description: t.string({ description: sectionFields.description }),
    parent: t.id({ description: 'The section to put it in (Section ID); left out for a top-level section.' }),
    position: t.int({ description: `${sectionFields.position} Default: after its siblings.` }),
  }),
});

const UpdateSectionInput = builder.inputType('UpdateSectionInput', {
  description: 'Changes to a section. Fields left out (or null, unless said otherwise) stay as they are.',
  fields: (t) => ({
    section: t.id({ required: true, description: 'The section to change (Section ID).' }),
    name: t.string({ description: `${sectionFields.name} The slug stays unless you pass one.` }),
    slug: t.string({ description: `${sectionFields.slug} Links under the old slug stop working.` }),
    description: t.string({ description: `${sectionFields.description} Null removes it.` }),
    parent: t.id({
      description:
        'Moves the section into this one (Section ID); null moves it to the top level. It may not be the section itself or a section below it.',
    }),
    position: t.int({
      description: `${sectionFields.position} When the section moves and this is left out, it goes after its new siblings.`,
    }),
  }),
});

const DeleteSectionInput = builder.inputType('DeleteSectionInput', {
  description: 'Names the section to delete.',
  fields: (t) => ({
    section: t.id({ required: true, description: 'The section to delete (Section ID).' }),
  }),
});

const decodeSectionId = (field: string, value: string) => decodeGlobalId(`input.${field}`, value, ['Section']).id;

const decodeParent = (value: string | null | undefined) => (value == null ? value : decodeSectionId('parent', value));

builder.mutationFields((t) => ({
  createSection: t.field({
    type: Section,
    description: 'Adds a section, at the top level or inside another. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'section', description: 'The new section.' } },
    args: { input: t.arg({ type: CreateSectionInput, required: true, description: 'The section to add.' }) },
    resolve: (_root, { input }, context) =>
      forgettingTree(context, createSection, {
        name: input.name,
        slug: input.slug ?? undefined,
        description: input.description,
        parentId: decodeParent(input.parent),
        position: input.position ?? undefined,
      }),
  }),
  updateSection: t.field({
    type: Section,
    description: 'Renames, reorders or moves a section, with the sections below it. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'section', description: 'The section as saved.' } },
    args: { input: t.arg({ type: UpdateSectionInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, context) =>
      forgettingTree(context, updateSection, decodeSectionId('section', input.section), {
        name: input.name ?? undefined,
        slug: input.slug ?? undefined,
        description: input.description,
        parentId: decodeParent(input.parent),
        position: input.position ?? undefined,
      }),
  }),
  deleteSection: t.field({
    type: 'ID',
    description:
      'Deletes an empty section. Refused while sections sit below it or articles are filed in it (as their main ' +
      'or a further section): move those first. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'deletedId', description: 'The ID of the deleted section.' } },
    args: { input: t.arg({ type: DeleteSectionInput, required: true, description: 'The section to delete.' }) },
    resolve: async (_root, { input }, context) => {
      await forgettingTree(context, deleteSection, decodeSectionId('section', input.section));
      return input.section;
    },
  }),
}));
