import { z } from 'zod';
import { builder } from '../builder.ts';
import { createPerson, deletePerson, MAX_MERGE_DUPLICATES, mergePeople, updatePerson } from '../entities/editor.ts';
import { MAX_ALIASES, MAX_DESCRIPTION_CHARACTERS } from '../entities/fields.ts';
import { countPeople, listPeople, personBySlug } from '../entities/store.ts';
import { SITE_URL_RULE, underBase } from '../shared/public-urls.ts';
import { ArticleConnection, ArticleRef } from './article-connection.ts';
import { resolveScopedArticles, scopedArticleArgs } from './article-filter.ts';
import { writeErrors } from './errors.ts';
import { decodeGlobalId, decodeGlobalIds } from './global-id.ts';
import { prismaQuery } from './selection.ts';

const searchText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const Person = builder.prismaNode('Person', {
  description: 'A person who writes for the newsroom or appears in its stories.',
  id: { field: 'id' },
  // Select mode: bylines and mentions load only the name and slug (read by plain resolvers); the
  // other columns are loaded when a field asks for them.
  select: { id: true, slug: true, name: true },
  fields: (t) => ({
    slug: t.string({ description: 'Unique, URL-safe name of the person.', resolve: (person) => person.slug }),
    name: t.string({
      description: 'Full name as usually written, such as "Elena Voss".',
      resolve: (person) => person.name,
    }),
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
    url: t.string({
      description: `Address of the person's page: ${SITE_URL_RULE}`,
      resolve: (person, _args, context) => underBase(context.publicUrls.site, `/people/${person.slug}`),
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
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'Published articles the person is credited on (bylined).',
        args: scopedArticleArgs,
        resolve: (person, args, context, info) =>
          resolveScopedArticles({ bylines: { some: { personId: person.id } } }, args, context, info),
      },
      ArticleConnection,
    ),
    mentionedIn: t.connection(
      {
        type: ArticleRef,
        description: 'Published articles that mention the person.',
        args: scopedArticleArgs,
        resolve: (person, args, context, info) =>
          resolveScopedArticles({ personMentions: { some: { personId: person.id } } }, args, context, info),
      },
      ArticleConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  person: t.field({
    type: Person,
    nullable: true,
    description: 'The person with this slug, or null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The person slug, such as `elena-voss`.' }) },
    resolve: async (_root, args, context, info) => personBySlug(context, await prismaQuery(context, info), args.slug),
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
      totalCount: (_root, args, context) => countPeople(context, args),
      resolve: (query, _root, args, context) => listPeople(context, query, args),
    },
    { name: 'PersonConnection', description: 'A page of people.' },
    { name: 'PersonEdge', description: 'A person in a page of people, with its cursor.' },
  ),
}));

const personFields = {
  name: 'Full name as usually written, such as "Elena Voss": at most 200 characters, not blank.',
  slug: 'URL-safe name: lowercase letters, digits and single hyphens, unique among people.',
  aliases: `Other names the person appears under, such as nicknames or spellings: at most ${MAX_ALIASES}, each at most 200 characters. Repeats and the name itself are left out.`,
  description: `A short description, usually a job title (at most ${MAX_DESCRIPTION_CHARACTERS.toLocaleString('en')} characters).`,
};

const CreatePersonInput = builder.inputType('CreatePersonInput', {
  description: 'A new person.',
  fields: (t) => ({
    name: t.string({ required: true, description: personFields.name }),
    slug: t.string({
      description: `${personFields.slug} Made from the name when left out, with -2, -3… added if taken.`,
    }),
    aliases: t.stringList({ description: personFields.aliases }),
    description: t.string({ description: personFields.description }),
  }),
});

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'Changes to a person. Fields left out (or null, unless said otherwise) stay as they are.',
  fields: (t) => ({
    person: t.id({ required: true, description: 'The person to change (Person ID).' }),
    name: t.string({
      description: `${personFields.name} The old name becomes an alias unless \`keepOldNameAsAlias\` is false; the slug stays.`,
    }),
    keepOldNameAsAlias: t.boolean({
      defaultValue: true,
      description:
        'When `name` changes, keep the old name as an alias so stories that use it still find the person. Default true.',
    }),
    slug: t.string({ description: `${personFields.slug} Links to the old slug stop working.` }),
    aliases: t.stringList({
      description: `Replaces the whole alias list; pass [] to remove every alias. ${personFields.aliases}`,
    }),
    addAliases: t.stringList({ description: 'Aliases to add to the current list (or to `aliases`, when given too).' }),
    description: t.string({ description: `${personFields.description} Null removes it.` }),
    reviewed: t.boolean({
      description: 'True confirms the entry as checked by an editor; false marks it as needing review again.',
    }),
  }),
});

const MergePeopleInput = builder.inputType('MergePeopleInput', {
  description: 'Duplicate entries for one real person, and the entry to keep.',
  fields: (t) => ({
    survivor: t.id({ required: true, description: 'The entry to keep (Person ID). It keeps its name and slug.' }),
    duplicates: t.idList({
      required: true,
      description: `The entries to fold into the survivor and delete (Person IDs, 1 to ${MAX_MERGE_DUPLICATES}).`,
    }),
  }),
});

const DeletePersonInput = builder.inputType('DeletePersonInput', {
  description: 'Names the person to delete.',
  fields: (t) => ({
    person: t.id({ required: true, description: 'The person to delete (Person ID).' }),
  }),
});

const decodePersonId = (field: string, value: string) => decodeGlobalId(`input.${field}`, value, ['Person']).id;

builder.mutationFields((t) => ({
  createPerson: t.field({
    type: Person,
    description:
      'Adds a person, marked as reviewed. The slug is made from the name unless you give one. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'person', description: 'The new person.' } },
    args: { input: t.arg({ type: CreatePersonInput, required: true, description: 'The person to add.' }) },
    resolve: (_root, { input }, context) =>
      createPerson(context, {
        name: input.name,
        slug: input.slug ?? undefined,
        aliases: input.aliases ?? [],
        description: input.description,
      }),
  }),
  updatePerson: t.field({
    type: Person,
    description:
      'Changes a person: rename (keeping the old name as an alias unless told otherwise), replace or add aliases, ' +
      'describe, or confirm with `reviewed: true`. Editors and admins only.',
    authScopes: { editor: true },
    errors: { types: writeErrors, dataField: { name: 'person', description: 'The person as saved.' } },
    args: { input: t.arg({ type: UpdatePersonInput, required: true, description: 'What to change.' }) },
    resolve: (_root, { input }, context) =>
      updatePerson(context, decodePersonId('person', input.person), {
        name: input.name ?? undefined,
        keepOldNameAsAlias: input.keepOldNameAsAlias ?? true,
        slug: input.slug ?? undefined,
        aliases: input.aliases ?? undefined,
        addAliases: input.addAliases ?? undefined,
        description: input.description,
        reviewed: input.reviewed ?? undefined,
      }),
  }),
  mergePeople: t.field({
    type: Person,
    description:
      "Merges duplicate entries into one person, all or nothing: the duplicates' bylines, mentions and affiliations " +
      'move to the survivor, their names and aliases become its aliases, and they are deleted. Mentions of the same ' +
      'article become one (counts added, every text span kept); a credit the survivor already has for the same article and ' +
      'role, or an identical affiliation, is kept once. A description the survivor lacks comes from the first ' +
      'duplicate that has one. Admins only.',
    authScopes: { admin: true },
    errors: {
      types: writeErrors,
      dataField: { name: 'person', description: 'The surviving person, with everything merged into it.' },
    },
    args: { input: t.arg({ type: MergePeopleInput, required: true, description: 'Who to merge into whom.' }) },
    resolve: (_root, { input }, context) =>
      mergePeople(
        context,
        decodePersonId('survivor', input.survivor),
        decodeGlobalIds('input.duplicates', input.duplicates, ['Person']),
      ),
  }),
  deletePerson: t.field({
    type: 'ID',
    description:
      'Deletes a person with their mentions and affiliations. Refused while the person is credited on an article: ' +
      'merge them into another person or remove the bylines first. Admins only.',
    authScopes: { admin: true },
    errors: { types: writeErrors, dataField: { name: 'deletedId', description: 'The ID of the deleted person.' } },
    args: { input: t.arg({ type: DeletePersonInput, required: true, description: 'The person to delete.' }) },
    resolve: async (_root, { input }, context) => {
      await deletePerson(context, decodePersonId('person', input.person));
      return input.person;
    },
  }),
}));
