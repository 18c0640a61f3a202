import { z } from 'zod';
import { builder } from '../builder.ts';
import { normalizeSearchQuery } from '../search/article-search.ts';
import {
  type FacetCount,
  type FacetScope,
  MAX_FACET_LIMIT,
  type MonthCount,
  monthFacet,
  organizationFacet,
  personFacet,
  sectionFacet,
} from '../search/facets.ts';
import { ArticleFilterInput, decodeArticleFilter } from './article-filter.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';
import { searchQueryText } from './search.ts';
import { Section } from './section.ts';

const DEFAULT_FACET_LIMIT = 10;
const limitOptions = {
  description: `Most values to return, 1 to ${MAX_FACET_LIMIT}. Default ${DEFAULT_FACET_LIMIT}.`,
  defaultValue: DEFAULT_FACET_LIMIT,
  required: true,
  validate: z.number().int().min(1, 'must be at least 1').max(MAX_FACET_LIMIT, `must be at most ${MAX_FACET_LIMIT}`),
} as const;

const countDescription = 'Number of the articles that have this value.';

const SectionFacet = builder.objectRef<FacetCount>('SectionFacet').implement({
  description: 'A section and how many of the articles are filed in it.',
  fields: (t) => ({
    section: t.field({
      type: Section,
      description: 'The section (primary or further section of the articles).',
      resolve: async (facet, _args, context) => {
        const section = await context.loaders.section.load(facet.id);
        if (!section) throw new Error(`Section ${facet.id} vanished while counting`);
        return section;
      },
    }),
    count: t.exposeInt('count', { description: countDescription }),
  }),
});

const PersonFacet = builder.objectRef<FacetCount>('PersonFacet').implement({
  description: 'A person and how many of the articles mention (or credit) them.',
  fields: (t) => ({
    person: t.field({
      type: Person,
      description: 'The person.',
      resolve: async (facet, _args, context) => {
        const person = await context.loaders.person.load(facet.id);
        if (!person) throw new Error(`Person ${facet.id} vanished while counting`);
        return person;
      },
    }),
    count: t.exposeInt('count', { description: countDescription }),
  }),
});

const OrganizationFacet = builder.objectRef<FacetCount>('OrganizationFacet').implement({
  description: 'An organization and how many of the articles mention it.',
  fields: (t) => ({
    organization: t.field({
      type: Organization,
      description: 'The organization.',
      resolve: async (facet, _args, context) => {
        const organization = await context.loaders.organization.load(facet.id);
        if (!organization) throw new Error(`Organization ${facet.id} vanished while counting`);
        return organization;
      },
    }),
    count: t.exposeInt('count', { description: countDescription }),
  }),
});

const MonthFacet = builder.objectRef<MonthCount>('MonthFacet').implement({
  description: 'A month and how many of the articles were published in it.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The month of publication in UTC, as `YYYY-MM`.' }),
    count: t.exposeInt('count', { description: countDescription }),
  }),
});

const ArticleFacets = builder.objectRef<{ scope: () => Promise<FacetScope> }>('ArticleFacets').implement({
  description:
    'Counts of the articles by section, person, organization and month, for narrowing a list or a search. Each list is ordered by count, highest first, then by name (months: newest first). One database query per list selected.',
  fields: (t) => ({
    sections: t.field({
      type: [SectionFacet],
      description: 'Sections the articles are filed in (primary or further; not rolled up into parent sections).',
      args: { limit: t.arg.int(limitOptions) },
      resolve: async (facets, args, context) => sectionFacet(context, await facets.scope(), args.limit),
    }),
    people: t.field({
      type: [PersonFacet],
      description: 'People the articles mention.',
      args: { limit: t.arg.int(limitOptions) },
      resolve: async (facets, args, context) => personFacet(context, await facets.scope(), 'mention', args.limit),
    }),
    authors: t.field({
      type: [PersonFacet],
      description: 'People credited on the articles (bylines).',
      args: { limit: t.arg.int(limitOptions) },
      resolve: async (facets, args, context) => personFacet(context, await facets.scope(), 'byline', args.limit),
    }),
    organizations: t.field({
      type: [OrganizationFacet],
      description: 'Organizations the articles mention.',
      args: { limit: t.arg.int(limitOptions) },
      resolve: async (facets, args, context) => organizationFacet(context, await facets.scope(), args.limit),
    }),
    months: t.field({
      type: [MonthFacet],
      description: 'Months (UTC) the articles were published in; unscheduled drafts are left out.',
      args: { limit: t.arg.int(limitOptions) },
      resolve: async (facets, args, context) => monthFacet(context, await facets.scope(), args.limit),
    }),
  }),
});

builder.queryFields((t) => ({
  facets: t.field({
    type: ArticleFacets,
    description:
      'Counts over the visible articles that match `filter` and, when given, the search `query`: pass the same arguments as `search` or `articles` to show facets beside them.',
    args: {
      filter: t.arg({ type: ArticleFilterInput, description: 'Only count articles that match this filter.' }),
      query: t.arg.string({
        description: 'Only count articles that match this search, in the syntax of `search(query:)`.',
        validate: searchQueryText.nullish(),
      }),
    },
    resolve: (_root, args, context) => {
      const filter = decodeArticleFilter(args.filter);
      // Started by the first list that resolves, so a request whose lists all fail validation
      // sends nothing.
      let scope: Promise<FacetScope> | undefined;
      return {
        scope: () => {
          scope ??= context.loaders.sectionTree().then((sections) => ({
            filter,
            sections,
            query: args.query == null ? undefined : normalizeSearchQuery(args.query),
          }));
          return scope;
        },
      };
    },
  }),
}));
