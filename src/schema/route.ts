import { brandWithType } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { MAX_ROUTE_PATH_CHARACTERS, RoutePathError } from '../sections/route-path.ts';
import { type ResolvedRoute, resolveRoute } from '../sections/route-resolver.ts';
import { Article } from './article.ts';
import { invalidArgument } from './global-id.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';
import { Section } from './section.ts';

const RedirectReasonEnum = builder.enumType('RouteRedirectReason', {
  description: 'Why a path is not the canonical one for what it shows.',
  values: {
    FORMER_SLUG: { description: 'The path names an article by a slug it had before.' },
    MOVED: { description: 'The article or section now sits in another section.' },
    NOT_CANONICAL: {
      description: 'The same page written differently: capitals, a trailing or doubled slash, percent-encoding.',
    },
  } as const,
});

const TYPES = { Article, Section, Person, Organization };

const Route = builder.objectRef<ResolvedRoute>('Route').implement({
  description: 'What a site path shows, and where it should redirect when it is not the canonical path.',
  fields: (t) => ({
    node: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The article, section, person or organization the path shows.',
      resolve: ({ target }) => {
        brandWithType(target.row, TYPES[target.type]);
        return target.row;
      },
    }),
    canonicalPath: t.exposeString('canonicalPath', {
      description: "The node's own path (its `urlPath`), without query string.",
    }),
    redirectTo: t.exposeString('redirectTo', {
      nullable: true,
      description:
        'The canonical path when the path asked for differs from it (send a permanent redirect there, keeping your query string); null when it is already canonical.',
    }),
    redirectReason: t.field({
      type: RedirectReasonEnum,
      nullable: true,
      description: 'Why `redirectTo` is set; null when it is not.',
      resolve: (route) => route.redirectReason,
    }),
  }),
});

builder.queryFields((t) => ({
  route: t.field({
    type: Route,
    nullable: true,
    description:
      'Resolves a site path, as `urlPath` fields return them, to what it shows, so a front end can route without IDs: ' +
      'an article (`/<section path>/<slug>`, former slugs and old sections included), a section (`/world/americas`), ' +
      'a person (`/people/<slug>`) or an organization (`/organizations/<slug>`). Null when nothing is there, or the ' +
      'article is not public (drafts resolve with an API key). Query strings and fragments are ignored; case, ' +
      'trailing slashes and percent-encoding are forgiven but reported through `redirectTo`.',
    args: {
      path: t.arg.string({
        required: true,
        description: `A path such as \`/world/americas/some-story\`, or a full URL (only its path counts). At most ${MAX_ROUTE_PATH_CHARACTERS} characters.`,
        validate: z.string().max(MAX_ROUTE_PATH_CHARACTERS, `must be at most ${MAX_ROUTE_PATH_CHARACTERS} characters`),
      }),
    },
    resolve: async (_root, args, context) => {
      try {
        return await resolveRoute(context, await context.loaders.sectionTree(), args.path);
      } catch (error) {
        if (error instanceof RoutePathError) throw invalidArgument('path', error.message);
        throw error;
      }
    },
  }),
}));
