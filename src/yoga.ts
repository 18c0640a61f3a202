import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { requestIdentity } from './api-keys/request-identity.ts';
import type { ArticleEvents } from './articles/events.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './builder.ts';
import { cachePlugins } from './cache/plugins.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import type { Config } from './config.ts';
import { createContext } from './context.ts';
import { isStatementTimeout } from './db/statement-timeout.ts';
import { useReadRouting } from './db/use-read-replicas.ts';
import { type DirectExecutionStats, useDirectExecution } from './engine/use-direct-execution.ts';
import { EXAMPLE_OPERATIONS, FRONT_PAGE_QUERY } from './example-queries.ts';
import { boundedParserCaches } from './guards/bounded-parse-cache.ts';
import { type GuardParts, guardPlugins } from './guards/plugins.ts';
import { currentRequest } from './guards/request-scope.ts';
import { RequestTimedOut, requestTimeoutError, statementTimeoutError } from './guards/request-timeout.ts';
import { corsOption } from './http/cors.ts';
import { GRAPHQL_ENDPOINT, httpPlugins, responseEncodingPlugins } from './http/plugins.ts';
import { renderGraphiQLPage } from './http/use-graphiql-assets.ts';
import type { Media } from './media/media.ts';
import type { MostRead } from './most-read/most-read.ts';
import type { Metrics } from './observability/metrics.ts';
import { observabilityPlugins } from './observability/plugins.ts';
import { schema } from './schema/index.ts';
import { SharedSectionTree } from './sections/shared-tree.ts';
import { errorFields, type Logger } from './shared/logger.ts';

/** What Node's HTTP server adds to Yoga's context: the request it came in on. */
type NodeServerContext = Parameters<MostRead['clientKey']>[1];

/** What a gateway is built from besides its configuration: the resources app.ts opens. */
export type GatewayParts = Omit<GuardParts, 'pageSizes'> & {
  /** A client on a read replica for anonymous queries (see use-read-replicas.ts); the primary when left out. */
  readPrisma?: () => PrismaClient;
  logger: Logger;
  /** Where unexpected errors are reported in full; clients only see "Unexpected error." */
  logError?: (error: unknown) => void;
  /** This gateway's metrics registry; /metrics is served when LEDE_METRICS is on. */
  metrics?: Metrics;
  /** Article change events for subscriptions. */
  articleEvents: ArticleEvents;
  /** Image storage and renditions: uploads, and the files served under /media/. */
  media: Media;
  /** Caches anonymous query responses; none when undefined. */
  responseCache?: ResponseCache;
  /** Counts the queries answered by direct execution and by graphql-js. */
  executions?: DirectExecutionStats;
  /** Counts reported article reads (`recordArticleView`, POST /views); reads are not taken when left out. */
  mostRead?: MostRead;
  /** Extra plugins after Lede's own (tests use this to slow execution down). */
  plugins?: Plugin[];
};

/**
 * The configured server. Its plugins come in stacks by concern, each in its own order; the stacks'
 * order is the one a request needs: what is recorded of it first (so /metrics is answered before
 * any budget is spent), then who calls and what it may cost (the rate limit before the media files,
 * which spend from the same budgets, and before uploads), then the HTTP surface, then execution,
 * which the response cache wraps, and compression last (tests/plugin-order.test.ts).
 */
export function createLedeYoga(config: Config, parts: GatewayParts) {
  const { prisma, readPrisma, logger, logError, mostRead } = parts;
  const routing = useReadRouting();
  // The section tree this gateway's anonymous queries share (src/sections/shared-tree.ts).
  const sectionTrees = new SharedSectionTree();
  const databaseAnswers = () =>
    prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
  return createYoga({
    schema,
    context: async ({ request, ...serverContext }) => {
      const mayLag = routing.mayReadFromReplica(request);
      return createContext({
        prisma: readPrisma && mayLag ? readPrisma() : prisma,
        viewer: await requestIdentity(request).viewer(),
        media: parts.media,
        articleEvents: parts.articleEvents,
        publicUrls: config.publicUrls,
        reads: mostRead && {
          mostRead,
          clientKey: () => mostRead.clientKey(request, serverContext as NodeServerContext),
        },
        sectionTrees,
        mayLag,
      });
    },
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // GraphiQL's scripts are served by Lede itself, so the page works on a closed network.
    renderGraphiQL: renderGraphiQLPage,
    // One tab per example operation; a new tab starts with the front page.
    graphiql: config.limits.graphiql
      ? { title: 'Lede GraphiQL', defaultQuery: FRONT_PAGE_QUERY, defaultTabs: EXAMPLE_OPERATIONS }
      : false,
    // Limits (README "Limits and security"): one operation per request, bodies up to maxBodyBytes.
    batching: false,
    parserAndValidationCache: boundedParserCaches(),
    // The GraphQL-over-HTTP persisted documents appendix names a document with `documentId`.
    extraParamNames: ['documentId'],
    // useBodyLimits limits bodies instead (image uploads may be larger than the rest).
    maxRequestBodySize: false,
    logging: yogaLogger(logger),
    cors: corsOption(config.corsOrigins),
    plugins: [
      routing.plugin,
      ...observabilityPlugins(config, parts),
      ...guardPlugins(config, { ...parts, pageSizes: { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE } }),
      ...httpPlugins(config, { media: parts.media, mostRead: parts.mostRead, databaseAnswers }),
      ...(config.directExecution
        ? [
            useDirectExecution(schema, {
              stats: parts.executions,
              countFallback: parts.metrics?.countDirectExecutionFallback,
            }),
          ]
        : []),
      ...cachePlugins(config, parts),
      ...(parts.plugins ?? []),
      ...responseEncodingPlugins(),
    ],
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        if (isStatementTimeout(original)) {
          // The database's limit, not a bug: the client gets the documented timeout error.
          logger.warn('statement timeout', {
            requestId: currentRequest()?.id,
            statementTimeoutMs: config.statementTimeoutMs,
          });
          return statementTimeoutError(config.statementTimeoutMs, error);
        }
        // The request's own deadline, reached inside a resolver: its client already has the answer.
        if (original instanceof RequestTimedOut) return requestTimeoutError(original, error);
        if (!(original instanceof GraphQLError)) {
          logger.error('unexpected error', { requestId: currentRequest()?.id, ...errorFields(original) });
          logError?.(original);
        }
        // Never send internals to clients, in development either: the server log has them.
        return maskError(error, message, false);
      },
    },
  });
}

/**
 * Yoga's own messages go into Lede's log. Yoga logs each masked error again, without the request
 * id; maskError above has already logged it in full, so those repeats are kept to debug level.
 */
function yogaLogger(logger: Logger) {
  const text = (args: unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
  const at =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]) =>
      logger[level](`yoga: ${text(args)}`, { requestId: currentRequest()?.id });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('debug') };
}

export type LedeYoga = ReturnType<typeof createLedeYoga>;
