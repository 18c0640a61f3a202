import { type ArticleEvents, createArticleEvents } from './articles/events.ts';
import { createResponseCache, type ResponseCache } from './cache/response-cache.ts';
import type { Config } from './config.ts';
import { isEmpty, loadSampleContent } from './content/sample-content.ts';
import { type Database, openDatabase, ReplicaError } from './db/client.ts';
import { newLocalToken, runningGateway } from './db/gateway-lock.ts';
import type { DirectExecutionStats } from './engine/use-direct-execution.ts';
import { currentRequest } from './guards/request-scope.ts';
import { loadPersistedOperations, PersistedOperationsError } from './guards/use-persisted-operations.ts';
import { createRateLimiter, type RateLimiter } from './guards/use-rate-limit.ts';
import { type Media, openMedia } from './media/media.ts';
import { createMostRead, type MostRead } from './most-read/most-read.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { schema } from './schema/index.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { createLedeYoga, type GatewayParts, type LedeYoga } from './yoga.ts';

export type Gateway = {
  yoga: LedeYoga;
  database: Database;
  sampleArticlesLoaded: number;
  logger: Logger;
  metrics: Metrics;
  /** Set on the embedded database: the secret local tools use to write through this gateway. */
  localToken?: string;
  /** Set when rate limiting is on; close it on shutdown (it may hold a Redis connection). */
  rateLimiter?: RateLimiter;
  /** Article change events for subscriptions; close it on shutdown to end open streams. */
  articleEvents: ArticleEvents;
  /** Image storage and renditions; close it on shutdown (it may remove a temporary folder). */
  media: Media;
  /** Set when the response cache is on; close it on shutdown (it may hold a Redis connection). */
  responseCache?: ResponseCache;
  /** Queries answered by direct execution and by graphql-js since start. */
  executions: DirectExecutionStats;
  /** Counts reported article reads; close it on shutdown, before the database, to save the last counts. */
  mostRead: MostRead;
};

export class StartupError extends Error {}

/** Opens and migrates the database, loads the sample content into an empty one, and builds the server. */
export async function startGateway(
  config: Config,
  options: {
    onQuery?: (sql: string) => void;
    logError?: (error: unknown) => void;
    logger?: Logger;
    plugins?: GatewayParts['plugins'];
  } = {},
): Promise<Gateway> {
  const persistedOperations = await loadPersistedOperations(config.persistedOperations).catch((error) => {
    throw error instanceof PersistedOperationsError ? new StartupError(error.message) : error;
  });
  const logger = options.logger ?? createLogger({ format: config.logFormat, level: config.logLevel });
  const metrics = createMetrics();
  // Every statement counts towards the request it was sent for (its log line) and the metrics.
  const onQuery = (sql: string) => {
    const scope = currentRequest();
    if (scope) scope.sqlStatements += 1;
    metrics.countStatement();
    options.onQuery?.(sql);
  };
  const embeddedFolder = !config.databaseUrl && !config.dataDir.startsWith('memory://') ? config.dataDir : undefined;
  if (embeddedFolder) {
    const other = await runningGateway(embeddedFolder);
    if (other) {
      throw new StartupError(
        `another Lede (process ${other.pid}) is serving ${embeddedFolder} at ${other.url}; stop it first or set LEDE_DATA_DIR to another folder`,
      );
    }
  }
  let database: Database;
  try {
    database = await openDatabase({
      ...config,
      replicaUrls: config.databaseReplicaUrls,
      statementTimeoutMs: config.statementTimeoutMs,
      isAbandoned: () => currentRequest()?.signal?.aborted === true,
      onQuery,
    });
  } catch (error) {
    if (error instanceof ReplicaError) throw new StartupError(error.message);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const where = config.databaseUrl
      ? 'the PostgreSQL database at DATABASE_URL'
      : `the embedded database in ${config.dataDir}`;
    throw new StartupError(`cannot open ${where}: ${reason}`);
  }
  let sampleArticlesLoaded = 0;
  if (config.loadSampleContent && (await isEmpty(database.prisma))) {
    sampleArticlesLoaded = await loadSampleContent(database.prisma);
  }
  const localToken = embeddedFolder ? newLocalToken() : undefined;
  const rateLimiter = config.rateLimit ? createRateLimiter(config.rateLimit) : undefined;
  await rateLimiter?.ready;
  const articleEvents = createArticleEvents(config.redisUrl);
  const media = await openMedia(config.media, database.prisma);
  const responseCache = config.responseCache
    ? createResponseCache(config.responseCache, {
        schema,
        prisma: database.prisma,
        logger,
        requestTimeoutMs: config.requestTimeoutMs,
      })
    : undefined;
  await responseCache?.ready;
  const executions: DirectExecutionStats = { direct: 0, graphql: 0, written: 0 };
  const mostRead = createMostRead(database.prisma, config.mostRead, { logger });
  const yoga = createLedeYoga(config, {
    prisma: database.prisma,
    readPrisma: database.readPrisma,
    localToken,
    logError: options.logError,
    logger,
    metrics,
    plugins: options.plugins,
    rateLimiter,
    persistedOperations,
    articleEvents,
    media,
    responseCache,
    executions,
    mostRead,
  });
  return {
    yoga,
    database,
    sampleArticlesLoaded,
    logger,
    metrics,
    localToken,
    rateLimiter,
    articleEvents,
    media,
    responseCache,
    executions,
    mostRead,
  };
}
