import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createContext } from './context.ts';
import { EXAMPLE_OPERATIONS, FRONT_PAGE_QUERY } from './example-queries.ts';
import { schema } from './schema/index.ts';

export type YogaOptions = {
  prisma: PrismaClient;
  production: boolean;
  /** Secret that local tools may use as a bearer token (see db/gateway-lock.ts). */
  localToken?: string;
  /** Where unexpected errors are reported in full; clients only see "Unexpected error." */
  logError?: (error: unknown) => void;
};

export function createLedeYoga({ prisma, production, localToken, logError = console.error }: YogaOptions) {
  return createYoga({
    schema,
    context: ({ request }) => createContext(prisma, request.headers.get('authorization'), localToken),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // GraphiQL's scripts are served by Lede itself, so the page works on a closed network.
    renderGraphiQL,
    // One tab per example operation; a new tab starts with the front page.
    graphiql: production
      ? false
      : { title: 'Lede GraphiQL', defaultQuery: FRONT_PAGE_QUERY, defaultTabs: EXAMPLE_OPERATIONS },
    logging: production ? 'warn' : 'info',
    // `/health` (Yoga's own) says the process is up; `/ready` that the database answers too.
    plugins: [
      useReadinessCheck({
        endpoint: '/ready',
        check: () =>
          prisma.$queryRaw`SELECT 1`.then(
            () => true,
            () => false,
          ),
      }),
    ],
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        if (!(original instanceof GraphQLError)) logError(original);
        // Never send internals to clients, in development either: the server log has them.
        return maskError(error, message, false);
      },
    },
  });
}

export type LedeYoga = ReturnType<typeof createLedeYoga>;
