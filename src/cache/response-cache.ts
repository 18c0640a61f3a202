import { createHash } from 'node:crypto';
import { type Cache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import {
  type ExecutionResult,
  type GraphQLSchema,
  getOperationAST,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { mayChangeContent } from '../api-keys/keys.ts';
import { requestIdentity } from '../api-keys/request-identity.ts';
import { scheduledArticleWhere } from '../articles/visibility.ts';
import { ttlBefore } from '../collections/rules.ts';
import type { ResponseCacheConfig } from '../config.ts';
import type { Context } from '../context.ts';
import { currentRequest, type RequestScope, requestScope } from '../guards/request-scope.ts';
import { madeLoader } from '../shared/lazy-loaders.ts';
import type { Logger } from '../shared/logger.ts';

/** The key of a request the cache never answers nor stores (`cacheable` is false for it). */
const UNCACHED_KEY = 'uncached';

/**
 * The plugin's own hashSHA256, the same hex, computed at once: its WebCrypto digest is a job
 * handed to another thread and back for every anonymous request, mutations included.
 */
const cacheKeyHash = (text: string) => createHash('sha256').update(text).digest('hex');

export type ResponseCache = {
  plugin: Plugin;
  /**
   * Settles once the next scheduled publication time is known. Startup awaits it, so its lookup
   * never runs inside the gateway's first requests.
   */
  ready: Promise<void>;
  /** What the in-memory cache holds now; undefined when the cache lives in Redis. */
  usage: () => { entries: number; bytes: number } | undefined;
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
 * Every mutation by an editor or admin purges the whole cache once it has run (nobody else may
 * change content). A write to one article changes lists, counts, facets, search results, related
 * rails and routes of many other nodes, so purging only the nodes a mutation returns would leave
 * stale lists behind; newsroom writes are rare next to reads, so a full purge costs little.
 * Scheduled articles become public by the clock, not by a write: the cache is also purged at the
 * next scheduled publication time.
 */
export function createResponseCache(
  config: ResponseCacheConfig,
  {
    schema,
    prisma,
    logger,
    requestTimeoutMs = 0,
  }: { schema: GraphQLSchema; prisma: PrismaClient; logger: Logger; requestTimeoutMs?: number },
): ResponseCache {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn('response cache: Redis unreachable', { error: error.message }));
  const { maxEntryBytes } = config;
  const misses = new InFlightMisses(requestTimeoutMs);
  const store: Cache & { usage?: ResponseCache['usage'] } = withValidators(
    redis
      ? createRedisGenerationCache(redis)
      : createMemoryCache({ maxEntries: config.maxEntries, maxBytes: config.maxBytes }),
  );
  const storeResult = store.set.bind(store);
  store.set = (...entry) => misses.writing(storeResult(...entry));
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
  let closed = false;
  const purgeAtNextPublication = async () => {
    const next = await prisma.article
      .findFirst({
        where: scheduledArticleWhere(new Date()),
        orderBy: { publishedAt: 'asc' },
        select: { publishedAt: true },
      })
      .catch(() => null);
    clearTimeout(publicationTimer);
    // A look-up that ends after `close` sets no timer on the closed cache.
    if (closed || !next?.publishedAt) return;
    // setTimeout's longest delay is about 24.8 days; a later time is re-checked then.
    const delay = Math.min(next.publishedAt.getTime() - Date.now() + 1, 2_147_483_647);
    publicationTimer = setTimeout(() => {
      void purgeAll().then(purgeAtNextPublication);
    }, delay);
    publicationTimer.unref();
  };
  const ready = purgeAtNextPublication();

  const anonymous = (request: Request) => requestIdentity(request).kind === 'anonymous';
  // `context` holds the request's parameters once execution starts, where results are stored.
  const cacheable = (request: Request, context?: { params?: { query?: string } }) =>
    anonymous(request) && !incremental(context?.params?.query);
  const plugin: Plugin = {
    onResponse({ request }) {
      misses.finished(request);
    },
    onPluginInit({ addPlugin }) {
      addPlugin(
        useResponseCache({
          cache: store,
          ttl: config.ttlMs,
          session: () => null,
          enabled: cacheable,
          // The plugin builds every request's key before it asks `enabled`, from its variables; an
          // upload's variables hold its file, which its default key serialises byte by byte.
          buildResponseCacheKey: ({ documentString, operationName, variableValues, request, context }) =>
            cacheable(request, context as { params?: { query?: string } })
              ? cacheKeyHash([documentString, operationName ?? '', JSON.stringify(variableValues ?? {})].join('|'))
              : UNCACHED_KEY,
          // The plugin's default (no errors), and no response larger than one entry may be.
          shouldCacheResult: ({ result }) =>
            !result.errors?.length && jsonBytesUpTo(result, maxEntryBytes + 1) <= maxEntryBytes,
          // Purged in full by the hook below, after the write.
          invalidateViaMutation: false,
          // A response that showed a collection expires when its next scheduled revision takes effect.
          onTtl: ({ ttl, context }) => {
            // A response that showed no collection made no collection loader: asking must not make one.
            const loaders = (context as Partial<Context>).loaders;
            const collections = loaders && madeLoader(loaders, 'collections');
            return ttlBefore(collections?.nextChangeAt(), ttl, Date.now());
          },
        }),
      );
    },
    // Before the response cache's own lookup (it is added above, after this plugin): a query that
    // misses while the same query is being answered for another request waits for that answer and
    // is served it from the cache, so a front page's expiry costs one execution, not one per reader
    // in flight. Mutations never wait: they are not cached.
    async onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const context = args.contextValue as { request: Request; params: GraphQLParams };
      if (operation?.operation === 'query' && cacheable(context.request, context)) {
        await misses.waitOrLead(context.request, inFlightKey(context.params));
      }
      if (operation?.operation !== 'mutation' || leavesContentUnchanged(schema, operation)) return;
      // A refused mutation changed nothing: purging for it would let any client empty the cache,
      // and every gateway's that shares it, as often as it likes.
      if (!mayChangeContent(await requestIdentity(context.request).viewer())) return;
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
    ready,
    usage: () => store.usage?.(),
    purgeAll,
    close: async () => {
      closed = true;
      clearTimeout(publicationTimer);
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** What identifies one query for coalescing: the parts of the cache key (unhashed), and a persisted operation's id. */
function inFlightKey(params: GraphQLParams): string {
  const persisted = JSON.stringify(params.extensions?.persistedQuery ?? null);
  return [params.query ?? '', params.operationName ?? '', JSON.stringify(params.variables ?? {}), persisted].join('|');
}

/**
 * Requests that missed the cache and are being answered, one per query. A later request for the
 * same query waits until the first one's response is made and its cache write has landed, then
 * looks again: it is served from the cache, or runs the query itself when the first result was not
 * cacheable. A first request that never finishes holds the others no longer than the request
 * timeout (15 s when there is none). Only this gateway's requests are coalesced; with Redis, other
 * gateways run their own.
 */
class InFlightMisses {
  private leaders = new Map<string, { request: Request; done: Promise<void>; release: () => void }>();
  private keyOf = new WeakMap<Request, string>();
  /** The cache write each request made (Redis writes are asynchronous). */
  private writes = new WeakMap<RequestScope, unknown>();
  private leadLimitMs: number;

  constructor(requestTimeoutMs: number) {
    this.leadLimitMs = requestTimeoutMs > 0 ? requestTimeoutMs : 15_000;
  }

  /** Resolves at once for the first request of a query; later ones, when the first is answered. */
  async waitOrLead(request: Request, key: string): Promise<void> {
    const leader = this.leaders.get(key);
    if (leader) return leader.done;
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const timer = setTimeout(() => this.release(key, request), this.leadLimitMs);
    timer.unref();
    this.leaders.set(key, {
      request,
      done,
      release: () => {
        clearTimeout(timer);
        release();
      },
    });
    this.keyOf.set(request, key);
  }

  /** Notes the cache write of the request running now; returns it unchanged. */
  writing<T>(write: T): T {
    const scope = currentRequest();
    if (scope) this.writes.set(scope, write);
    return write;
  }

  finished(request: Request): void {
    const key = this.keyOf.get(request);
    if (key === undefined) return;
    const scope = requestScope(request);
    void Promise.resolve(scope && this.writes.get(scope))
      .catch(() => {})
      .finally(() => this.release(key, request));
  }

  private release(key: string, request: Request): void {
    const leader = this.leaders.get(key);
    if (leader?.request !== request) return;
    this.leaders.delete(key);
    leader.release();
  }
}

/**
 * Whether every field of a mutation says it changes no content (`extensions.leavesContentUnchanged`,
 * as `recordArticleView` does), so its many calls do not purge what readers are served.
 */
function leavesContentUnchanged(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const fields = schema.getMutationType()?.getFields() ?? {};
  return operation.selectionSet.selections.every(
    (selection) =>
      selection.kind === Kind.FIELD && fields[selection.name.value]?.extensions?.leavesContentUnchanged === true,
  );
}

/** Most purge keys one response names; CDNs cap the header's length (Fastly: 16 KB). */
export const MAX_SURROGATE_KEYS = 200;

/**
 * Stamps each response as it is stored with what HTTP caches need, kept with it in memory or Redis
 * and sent with every hit:
 * - `ETag`: a quoted strong validator (RFC 9110) made from the response's content, so it changes
 *   when the content does. The plugin's own ETag is the cache key, which stays the same for one
 *   operation before and after a write and so would answer 304 for changed content.
 * - `Surrogate-Key` (Fastly) and `Cache-Tag` (Cloudflare, Akamai): the global ids of the nodes in
 *   the response. The response cache selects every object's `id` for its own bookkeeping, so these
 *   are there whether or not the operation asked for ids.
 */
function withValidators<T extends Cache>(store: T): T {
  return {
    ...store,
    set(id, result, entities, ttl) {
      const { http, ...extensions } = result.extensions ?? {};
      const headers = { ...(http as { headers?: Record<string, string> } | undefined)?.headers };
      const content = JSON.stringify([result.data, extensions]);
      headers.ETag = `"${createHash('sha256').update(content).digest('base64url')}"`;
      const ids = new Set<string>();
      for (const entity of entities) {
        if (ids.size >= MAX_SURROGATE_KEYS) break;
        if (typeof entity.id === 'string') ids.add(entity.id);
      }
      if (ids.size > 0) {
        headers['Surrogate-Key'] = [...ids].join(' ');
        headers['Cache-Tag'] = [...ids].join(',');
      }
      result.extensions = { ...extensions, http: { ...(http as object), headers } };
      return store.set(id, result, entities, ttl);
    },
  };
}

/**
 * The in-memory cache, bounded by entries and by bytes (least recently used go first). Unlike the
 * plugin's own in-memory cache it keeps no index of the entities in each response: Lede only ever
 * purges in full (see `purgeAll`), so invalidating any entity empties it, which is always safe.
 */
function createMemoryCache({ maxEntries, maxBytes }: { maxEntries: number; maxBytes: number }) {
  const responses = new LRUCache<string, ExecutionResult>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: (result) => Math.max(1, jsonBytesUpTo(result, maxBytes + 1)),
  });
  return {
    usage: () => ({ entries: responses.size, bytes: responses.calculatedSize }),
    set: (id: string, result: ExecutionResult, _entities: unknown, ttl: number) => {
      responses.set(id, result, { ttl });
    },
    get: (id: string) => responses.get(id),
    invalidate: () => responses.clear(),
  } satisfies Cache & { usage: ResponseCache['usage'] };
}

/** The Redis key holding the current generation of the shared response cache. */
export const REDIS_GENERATION_KEY = 'lede:response-cache:generation';
const REDIS_RESPONSE_PREFIX = 'lede:response-cache:';
// Each reads the current generation and the response in one round trip. A response computed
// before a purge and stored after it is stored under the new generation and served until its
// TTL, as the plugin's own stores did. The keys are built inside the scripts, which Redis Cluster
// does not allow: one Redis (or a primary with replicas) is what REDIS_URL names.
const READ_SCRIPT = `local generation = redis.call('GET', KEYS[1]) or '0'
return redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2])`;
const WRITE_SCRIPT = `local generation = redis.call('GET', KEYS[1]) or '0'
local key = ARGV[1] .. generation .. ':' .. ARGV[2]
if ARGV[4] == '' then return redis.call('SET', key, ARGV[3]) end
return redis.call('SET', key, ARGV[3], 'PX', ARGV[4])`;

type GenerationCommands = {
  ledeCacheRead(generationKey: string, prefix: string, id: string): Promise<string | null>;
  ledeCacheWrite(generationKey: string, prefix: string, id: string, result: string, ttlMs: string): Promise<unknown>;
};

/**
 * The cache shared through Redis: each response under the current generation's prefix with its
 * TTL, and a purge moves every gateway to the next generation, leaving the old responses to expire.
 * Like the in-memory cache it keeps no index of entities, since Lede only purges in full; the
 * plugin's Redis cache indexed every response's entities in sets that never expired, so distinct
 * anonymous queries grew Redis without end and each purge scanned and deleted all of them.
 */
function createRedisGenerationCache(redis: Redis): Cache {
  redis.defineCommand('ledeCacheRead', { numberOfKeys: 1, lua: READ_SCRIPT });
  redis.defineCommand('ledeCacheWrite', { numberOfKeys: 1, lua: WRITE_SCRIPT });
  const commands = redis as unknown as GenerationCommands;
  return {
    async get(id) {
      const text = await commands.ledeCacheRead(REDIS_GENERATION_KEY, REDIS_RESPONSE_PREFIX, id);
      return text ? (JSON.parse(text) as ExecutionResult) : undefined;
    },
    async set(id, result, _entities, ttl) {
      const ttlMs = Number.isFinite(ttl) ? String(Math.max(1, Math.ceil(ttl))) : '';
      await commands.ledeCacheWrite(REDIS_GENERATION_KEY, REDIS_RESPONSE_PREFIX, id, JSON.stringify(result), ttlMs);
    },
    async invalidate() {
      await redis.incr(REDIS_GENERATION_KEY);
    },
  };
}

/**
 * The length of `value` as JSON in UTF-8 bytes (escapes aside), counted only until it passes
 * `limit`: a response of many megabytes is not walked, nor serialised, to learn that it is too big.
 */
export function jsonBytesUpTo(value: unknown, limit: number): number {
  let bytes = 0;
  const add = (item: unknown): boolean => {
    if (typeof item === 'string') bytes += Buffer.byteLength(item) + 2;
    else if (item === null || typeof item !== 'object') bytes += String(item).length;
    else if (Array.isArray(item)) {
      bytes += 1 + item.length;
      for (const element of item) if (!add(element)) return false;
    } else {
      bytes += 1;
      for (const [key, field] of Object.entries(item)) {
        bytes += Buffer.byteLength(key) + 4;
        if (!add(field)) return false;
      }
    }
    return bytes <= limit;
  };
  add(value);
  return bytes;
}
