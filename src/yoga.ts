import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin, useExecutionCancellation, useReadinessCheck } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { type ArticleEvents, createArticleEvents } from './articles/events.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './builder.ts';
import { useHttpCacheHeaders } from './cache/http-cache.ts';
import type { ResponseCache } from './cache/response-cache.ts';
import { defaultLimits, defaultOperations, type Limits, type OperationsConfig } from './config.ts';
import { createContext } from './context.ts';
import { isStatementTimeout } from './db/statement-timeout.ts';
import { useReadRouting } from './db/use-read-replicas.ts';
import { type DirectExecutionStats, useDirectExecution } from './engine/use-direct-execution.ts';
import { EXAMPLE_OPERATIONS, FRONT_PAGE_QUERY } from './example-queries.ts';
import { boundedParserCaches } from './guards/bounded-parse-cache.ts';
import { currentRequest, useRequestScope } from './guards/request-scope.ts';
import {
  RequestTimedOut,
  requestTimeoutError,
  statementTimeoutError,
  useRequestTimeout,
} from './guards/request-timeout.ts';
import { viewerLookup } from './guards/request-viewer.ts';
import { useDisableIntrospection } from './guards/use-disable-introspection.ts';
import { type PersistedOperations, usePersistedOperationsManifest } from './guards/use-persisted-operations.ts';
import { useQueryCost } from './guards/use-query-cost.ts';
import { useQueryLimits } from './guards/use-query-limits.ts';
import { type RateLimiter, useRateLimit } from './guards/use-rate-limit.ts';
import { useUploadGate } from './guards/use-upload-gate.ts';
import { corsOption, useVaryOrigin } from './http/cors.ts';
import { useCsrfPrevention } from './http/csrf-prevention.ts';
import { MULTIPART_OVERHEAD_BYTES, useBodyLimits } from './http/use-body-limits.ts';
import { useCompression } from './http/use-compression.ts';
import { useGetParamsCheck } from './http/use-get-params-check.ts';
import { renderGraphiQLPage, useGraphiQLAssets } from './http/use-graphiql-assets.ts';
import { useIncrementalDelivery } from './http/use-incremental-delivery.ts';
import { useMediaServing } from './http/use-media-serving.ts';
import { useMultipartSubscriptions } from './http/use-multipart-subscriptions.ts';
import type { Media } from './media/media.ts';
import { type Metrics, useMetrics } from './observability/metrics.ts';
import { useRequestLog } from './observability/request-log.ts';
import { schema } from './schema/index.ts';
import { createLogger, errorFields, type Logger } from './shared/logger.ts';
import type { PublicUrls } from './shared/public-urls.ts';

export type YogaOptions = {
  /** The primary database. */
  prisma: PrismaClient;
  /** A client on a read replica for anonymous queries (see use-read-replicas.ts); the primary when left out. */
  readPrisma?: () => PrismaClient;
  production: boolean;
  /** Secret that local tools may use as a bearer token (see db/gateway-lock.ts). */
  localToken?: string;
  /** Where unexpected errors are reported in full; clients only see "Unexpected error." */
  logError?: (error: unknown) => void;
  /** Default: defaultLimits(production). */
  limits?: Limits;
  /** Logs, metrics, timeouts and CORS; the defaults of an empty environment when left out. */
  operations?: OperationsConfig;
  logger?: Logger;
  /** This gateway's metrics registry; /metrics is served when LEDE_METRICS is on. */
  metrics?: Metrics;
  /** Extra plugins after Lede's own (tests use this to slow execution down). */
  plugins?: Plugin[];
  /** Per-address and per-key request budgets; none when undefined. */
  rateLimiter?: RateLimiter;
  /** Persisted-operations manifests loaded at start; `only` makes them an allow-list. */
  persisted?: { operations: PersistedOperations; only: boolean };
  /** Article change events for subscriptions; this gateway's own (in memory) when left out. */
  articleEvents?: ArticleEvents;
  /** Image storage and renditions: uploads, and the files served under /media/. */
  media: Media;
  /** Bases of absolute URLs (LEDE_PUBLIC_SITE_URL, LEDE_PUBLIC_API_URL); relative paths when left out. */
  publicUrls?: PublicUrls;
  /** Caches anonymous query responses; none when undefined. */
  responseCache?: ResponseCache;
  /** The response cache's TTL, for HTTP Cache-Control; 0 when there is no cache. */
  cacheTtlMs?: number;
  /** Queries run by direct execution where planned (see engine/direct-execution.ts); on unless turned off. */
  directExecution?: { enabled: boolean; stats?: DirectExecutionStats };
};

export function createLedeYoga({
  prisma,
  readPrisma,
  production,
  localToken,
  logError,
  limits = defaultLimits(production),
  operations = defaultOperations(production),
  logger = createLogger({ format: operations.logFormat, level: operations.logLevel }),
  metrics,
  plugins = [],
  rateLimiter,
  persisted = { operations: new Map(), only: false },
  articleEvents = createArticleEvents(),
  media,
  publicUrls = {},
  responseCache,
  cacheTtlMs = 0,
  directExecution = { enabled: true },
}: YogaOptions) {
  const routing = useReadRouting();
  const viewers = viewerLookup(prisma, localToken);
  return createYoga({
    schema,
    context: async ({ request }) =>
      createContext(
        readPrisma && routing.mayReadFromReplica(request) ? readPrisma() : prisma,
        await viewers(request),
        media,
        articleEvents,
        publicUrls,
      ),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // GraphiQL's scripts are served by Lede itself, so the page works on a closed network.
    renderGraphiQL: renderGraphiQLPage,
    // One tab per example operation; a new tab starts with the front page.
    graphiql: limits.graphiql
      ? { title: 'Lede GraphiQL', defaultQuery: FRONT_PAGE_QUERY, defaultTabs: EXAMPLE_OPERATIONS }
      : false,
    // Limits (README "Limits and security"): one operation per request, bodies up to maxBodyBytes.
    batching: false,
    parserAndValidationCache: boundedParserCaches(),
    // The GraphQL-over-HTTP persisted documents appendix names a document with `documentId`.
    extraParamNames: ['documentId'],
    // useBodyLimits below limits bodies instead (image uploads may be larger than the rest).
    maxRequestBodySize: false,
    logging: yogaLogger(logger),
    // `/health` (Yoga's own) says the process is up; `/ready` that the database answers too.
    cors: corsOption(operations.corsOrigins),
    plugins: [
      routing.plugin,
      useRequestScope(),
      useRequestLog(logger),
      ...(metrics && operations.metrics ? [useMetrics(metrics, { token: operations.metricsToken, production })] : []),
      ...(operations.requestTimeoutMs > 0 ? [useRequestTimeout(operations.requestTimeoutMs)] : []),
      useExecutionCancellation(),
      useCsrfPrevention(),
      useBodyLimits({ json: limits.maxBodyBytes, multipart: media.config.maxBytes + MULTIPART_OVERHEAD_BYTES }),
      // Before the media files, so they spend from the same budgets as queries.
      ...(rateLimiter ? [useRateLimit(rateLimiter, viewers)] : []),
      useMediaServing(media, viewers),
      limits.graphiql && useGraphiQLAssets({ graphqlEndpoint: '/graphql' }),
      useVaryOrigin(operations.corsOrigins),
      usePersistedOperationsManifest({
        operations: persisted.operations,
        persistedOnly: persisted.only,
        viewers,
      }),
      useQueryLimits(limits, { hideSuggestions: production }),
      useQueryCost(limits.maxCost, { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE }),
      !limits.introspection && useDisableIntrospection(),
      useReadinessCheck({
        endpoint: '/ready',
        check: () =>
          prisma.$queryRaw`SELECT 1`.then(
            () => true,
            () => false,
          ),
      }),
      // After the rate limit, so guessing keys through uploads spends the refused-key budget first.
      useUploadGate(viewers, { maxConcurrent: media.config.maxConcurrentUploads }),
      useGetParamsCheck(),
      useIncrementalDelivery(),
      useMultipartSubscriptions(),
      useHttpCacheHeaders({ maxAgeSeconds: Math.floor(cacheTtlMs / 1000) }),
      // Before the response cache, whose executor wraps this one.
      ...(directExecution.enabled
        ? [
            useDirectExecution(schema, {
              stats: directExecution.stats,
              countFallback: metrics?.countDirectExecutionFallback,
            }),
          ]
        : []),
      ...(responseCache ? [responseCache.plugin] : []),
      ...plugins,
      // Last, so it compresses the response every other plugin has finished.
      useCompression(),
    ],
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        if (isStatementTimeout(original)) {
          // The database's limit, not a bug: the client gets the documented timeout error.
          logger.warn('statement timeout', {
            requestId: currentRequest()?.id,
            statementTimeoutMs: operations.statementTimeoutMs,
          });
          return statementTimeoutError(operations.statementTimeoutMs, error);
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
