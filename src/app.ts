import { type Config, defaultLimits, defaultOperations, type OperationsConfig } from './config.ts';
import { isEmpty, loadSampleContent } from './content/sample-content.ts';
import { type Database, openDatabase, ReplicaError } from './db/client.ts';
import { newLocalToken, runningGateway } from './db/gateway-lock.ts';
import { createLogger, type Logger } from './logger.ts';
import { defaultMediaConfig, type Media, openMedia } from './media/media.ts';
import { createMostRead, defaultMostReadConfig, type MostRead } from './most-read/most-read.ts';
import { createMetrics, type Metrics } from './plugins/metrics.ts';
import { currentRequest } from './plugins/request-scope.ts';
import { createResponseCache, type ResponseCache } from './plugins/response-cache.ts';
import type { DirectExecutionStats } from './plugins/use-direct-execution.ts';
import { loadPersistedOperations, PersistedOperationsError } from './plugins/use-persisted-operations.ts';
import { createRateLimiter, type RateLimiter } from './plugins/use-rate-limit.ts';
import { schema } from './schema/index.ts';
import { type ArticleEvents, createArticleEvents } from './services/article-events.ts';
import { createLedeYoga, type LedeYoga } from './yoga.ts';

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
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'loadSampleContent' | 'production' | 'rateLimit' | 'responseCache'> &
    Partial<Pick<Config, 'limits' | 'databaseReplicaUrls'>> &
    Pick<Config, 'persistedOperations' | 'persistedOnly' | 'redisUrl'> &
    Partial<Pick<Config, 'media' | 'directExecution' | 'publicUrls' | 'mostRead'>> &
    Partial<OperationsConfig>,
  options: {
    onQuery?: (sql: string) => void;
    logError?: (error: unknown) => void;
    logger?: Logger;
    plugins?: Parameters<typeof createLedeYoga>[0]['plugins'];
  } = {},
): Promise<Gateway> {
  const operations: OperationsConfig = { ...defaultOperations(config.production), ...definedOnly(config) };
  const persistedOperations = await loadPersistedOperations(config.persistedOperations ?? []).catch((error) => {
    throw error instanceof PersistedOperationsError ? new StartupError(error.message) : error;
  });
  const logger = options.logger ?? createLogger({ format: operations.logFormat, level: operations.logLevel });
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
      statementTimeoutMs: operations.statementTimeoutMs,
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
  const media = await openMedia(
    config.media ?? defaultMediaConfig(embeddedFolder && `${embeddedFolder}/media`),
    database.prisma,
  );
  const responseCache = config.responseCache
    ? createResponseCache(config.responseCache, { schema, prisma: database.prisma, logger })
    : undefined;
  const executions: DirectExecutionStats = { direct: 0, graphql: 0 };
  const mostRead = createMostRead(database.prisma, config.mostRead ?? defaultMostReadConfig(), { logger });
  const yoga = createLedeYoga({
    prisma: database.prisma,
    readPrisma: database.readPrisma,
    production: config.production,
    localToken,
    logError: options.logError,
    limits: config.limits ?? defaultLimits(config.production),
    operations,
    logger,
    metrics,
    plugins: options.plugins,
    rateLimiter,
    persisted: { operations: persistedOperations, only: config.persistedOnly ?? false },
    articleEvents,
    media,
    publicUrls: config.publicUrls,
    responseCache,
    cacheTtlMs: config.responseCache?.ttlMs,
    directExecution: { enabled: config.directExecution ?? true, stats: executions },
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

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
