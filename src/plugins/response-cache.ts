import { createRedisCache } from '@envelop/response-cache-redis';
import { type Cache, createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { type GraphQLSchema, getOperationAST, isObjectType } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';

export type ResponseCacheConfig = {
  /** How long an anonymous query's response is reused, in ms; 0 turns the cache off. */
  ttlMs: number;
  /** Responses kept in this process's memory when there is no Redis (least recently used go first). */
  maxEntries: number;
  /** When set, the cache lives in this Redis and every gateway using it shares it. */
  redisUrl?: string;
};

export type ResponseCache = {
  plugin: Plugin;
  /** Drops every cached response (every write does this; see README "Caching"). */
  purgeAll: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Whether a query asks for incremental delivery. Such results are never stored: a later request
 * would get the merged result in one piece, and the deferred parts would no longer arrive later.
 * Mentioning @defer or @stream in a string or comment only costs that query its caching.
 */
function incremental(query: string | undefined): boolean {
  return query !== undefined && /@(defer|stream)\b/.test(query);
}

/**
 * Caches the responses of anonymous queries. Requests with an API key are never cached: they may
 * see drafts, and editors must see their own writes at once. Queries with @defer or @stream are
 * not cached either (see `incremental`).
 *
 * Every mutation purges the whole cache once it has run. A write to one article changes lists,
 * counts, facets, search results, related rails and routes of many other nodes, so purging only
 * the nodes a mutation returns would leave stale lists behind; newsroom writes are rare next to
 * reads, so a full purge costs little. Scheduled articles become public by the clock, not by a
 * write: the cache is also purged at the next scheduled publication time.
 */
export function createResponseCache(
  config: ResponseCacheConfig,
  { schema, prisma, logger }: { schema: GraphQLSchema; prisma: PrismaClient; logger: Logger },
): ResponseCache {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn('response cache: Redis unreachable', { error: error.message }));
  const store: Cache = redis ? createRedisCache({ redis }) : createInMemoryCache({ max: config.maxEntries });
  // A typename with no id purges every response that contains that type.
  const everyType = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .map((type) => ({ typename: type.name }));

  const purgeAll = async () => {
    try {
      await store.invalidate(everyType);
    } catch (error) {
      logger.error('response cache: purge failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };

  let publicationTimer: NodeJS.Timeout | undefined;
  const purgeAtNextPublication = async () => {
    const next = await prisma.article
      .findFirst({
        where: { status: 'PUBLISHED', publishedAt: { gt: new Date() } },
        orderBy: { publishedAt: 'asc' },
        select: { publishedAt: true },
      })
      .catch(() => null);
    clearTimeout(publicationTimer);
    if (!next?.publishedAt) return;
    // setTimeout's longest delay is about 24.8 days; a later time is re-checked then.
    const delay = Math.min(next.publishedAt.getTime() - Date.now() + 1, 2_147_483_647);
    publicationTimer = setTimeout(() => {
      void purgeAll().then(purgeAtNextPublication);
    }, delay);
    publicationTimer.unref();
  };
  void purgeAtNextPublication();

  const anonymous = (request: Request) => !request.headers.has('authorization');
  // `context` holds the request's parameters once execution starts, where results are stored.
  const cacheable = (request: Request, context?: { params?: { query?: string } }) =>
    anonymous(request) && !incremental(context?.params?.query);
  const plugin: Plugin = {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          cache: store,
          ttl: config.ttlMs,
          session: () => null,
          enabled: cacheable,
          // Purged in full by the hook below, after the write.
          invalidateViaMutation: false,
        }),
      );
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return {
        // Awaited before the response is sent, so the writer's next request sees the change.
        async onExecuteDone() {
          await purgeAll();
          await purgeAtNextPublication();
        },
      };
    },
  };

  return {
    plugin,
    purgeAll,
    close: async () => {
      clearTimeout(publicationTimer);
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
