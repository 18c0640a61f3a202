import { isIPv4, isIPv6 } from 'node:net';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type RequestIdentity, requestIdentity } from '../api-keys/request-identity.ts';
import type { RateLimitConfig } from '../config.ts';
import { errorResponse } from '../http/error-response.ts';

/**
 * Budgets, in the order a request meets them (all before the request's own database work):
 * 1. a request with an `Authorization` header whose key has not been seen valid lately spends a
 *    point of its address's refused-key budget before the key is looked up, and gets it back if
 *    the key is valid; so unknown keys are looked up at most that many times per address and
 *    window, however many arrive at once, and a refused key is answered 401 at once, whatever
 *    else is wrong with the request;
 * 2. a request with a key spends from that key's budget (keyed by the hash of the key itself, not
 *    of the header's spelling); a request without one spends from its address's budget.
 */
export type RateLimiter = {
  anonymous: RateLimiterAbstract;
  keyed: RateLimiterAbstract;
  invalidKeys: RateLimiterAbstract;
  config: RateLimitConfig;
  /** Settles once the store can be used, or has failed once (Redis); start serving either way. */
  ready: Promise<void>;
  /** Called when the store fails; warns once per outage. */
  storeFailed: (error: unknown) => void;
  close: () => Promise<void>;
};

export function createRateLimiter(
  config: RateLimitConfig,
  warn: (message: string) => void = console.warn,
): RateLimiter {
  const duration = config.windowSeconds;
  if (!config.redisUrl) {
    return {
      anonymous: new RateLimiterMemory({ keyPrefix: 'anonymous', points: config.anonymous, duration }),
      keyed: new RateLimiterMemory({ keyPrefix: 'keyed', points: config.keyed, duration }),
      invalidKeys: new RateLimiterMemory({ keyPrefix: 'invalid-key', points: config.invalidKeys, duration }),
      config,
      ready: Promise.resolve(),
      storeFailed: (error) => warn(`Rate limiting skipped: ${String(error)}`),
      close: async () => {},
    };
  }
  // No offline queue and no retries per command: while Redis is down a request must not wait for it.
  const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
  let healthy = true;
  const storeFailed = (error: unknown) => {
    if (healthy) {
      const reason = error instanceof Error ? error.message : String(error);
      warn(`Rate limiting: Redis unreachable (${reason}); requests are not limited until it is back.`);
    }
    healthy = false;
  };
  redis.on('error', storeFailed);
  redis.on('ready', () => {
    healthy = true;
  });
  const ready = new Promise<void>((resolve) => {
    redis.once('ready', resolve);
    redis.once('error', () => resolve());
  });
  const limiter = (keyPrefix: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `lede:${keyPrefix}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
    });
  return {
    anonymous: limiter('anonymous', config.anonymous),
    keyed: limiter('keyed', config.keyed),
    invalidKeys: limiter('invalid-key', config.invalidKeys),
    config,
    ready,
    storeFailed,
    close: async () => {
      redis.disconnect();
    },
  };
}

type ServerContext = { req?: { socket?: { remoteAddress?: string }; headers?: Record<string, unknown> } };

/**
 * Who a client is for budgets: the socket's address, or for IPv6 its /64 network, since one
 * subscriber usually holds a whole /64 and could take a fresh address for every request.
 * X-Forwarded-For is anyone's to write, so it is believed only when LEDE_TRUST_PROXY says a proxy
 * in front writes it; then its last entry is the address that proxy saw.
 */
export function clientAddress(request: Request, serverContext: ServerContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return clientNetwork(forwarded);
  }
  return clientNetwork(serverContext.req?.socket?.remoteAddress ?? 'unknown');
}

/** An IPv4 address as it is (also when mapped into IPv6); an IPv6 address as its /64, e.g. `2001:db8:0:1::/64`. */
export function clientNetwork(address: string): string {
  const bare = address.split('%')[0]?.toLowerCase() ?? '';
  if (!isIPv6(bare)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  // The same mapping written in hex (a proxy may write X-Forwarded-For so): ::ffff:c000:201.
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (hex) {
    const [high, low] = [Number.parseInt(hex[1] ?? '0', 16), Number.parseInt(hex[2] ?? '0', 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  // A dotted IPv4 tail fills the last two groups.
  const groups = (part: string) =>
    part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
  const [head = '', tail] = bare.split('::');
  const known = [...groups(head), ...(tail === undefined ? [] : groups(tail))];
  const full = tail === undefined ? known : [...groups(head), ...Array(8 - known.length).fill('0'), ...groups(tail)];
  return `${full
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

type Spent = { limit: number; result: RateLimiterRes };

function headers(spent: Spent): Record<string, string> {
  return {
    'RateLimit-Limit': String(spent.limit),
    'RateLimit-Remaining': String(Math.max(0, spent.result.remainingPoints)),
    'RateLimit-Reset': String(Math.ceil(spent.result.msBeforeNext / 1000)),
  };
}

function tooManyRequests(spent: Spent, message: string): Response {
  return errorResponse(429, 'RATE_LIMITED', message, {
    'Retry-After': String(Math.max(1, Math.ceil(spent.result.msBeforeNext / 1000))),
    ...headers(spent),
  });
}

/** Store failures (Redis down) let the request through: a news API would rather serve than refuse. */
async function spend(limiter: RateLimiter, budget: RateLimiterAbstract, key: string) {
  try {
    return { allowed: true, result: await budget.consume(key) };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { allowed: false, result: error };
    limiter.storeFailed(error);
    return undefined;
  }
}

/** How many keys are remembered as valid (for one window each), so their lookups spend nothing. */
const KNOWN_KEYS = 10_000;

const unauthenticated = (message: string) =>
  errorResponse(401, 'UNAUTHENTICATED', message, { 'www-authenticate': 'Bearer' });

export function useRateLimit(limiter: RateLimiter): Plugin {
  const spentByRequest = new WeakMap<Request, Spent>();
  // Hashes of keys seen valid within the last window: their lookups spend nothing.
  const knownKeys = new LRUCache<string, true>({ max: KNOWN_KEYS, ttl: limiter.config.windowSeconds * 1000 });

  /** Looks the key up within the address's refused-key budget; a response when the request ends here. */
  const checkKey = async (identity: RequestIdentity, address: string, hash: string): Promise<Response | undefined> => {
    if (knownKeys.has(hash)) return undefined;
    const lookup = await spend(limiter, limiter.invalidKeys, address);
    if (lookup && !lookup.allowed) {
      const spent = { limit: limiter.config.invalidKeys, result: lookup.result };
      return tooManyRequests(spent, 'Too many refused API keys from this address; retry later.');
    }
    try {
      await identity.viewer();
    } catch (error) {
      if (error instanceof GraphQLError) return unauthenticated(error.message);
      // The database failed: the context meets the same error and reports it the usual way.
      return undefined;
    }
    knownKeys.set(hash, true);
    if (lookup) await limiter.invalidKeys.reward(address, 1).catch(() => undefined);
    return undefined;
  };

  return {
    async onRequest({ request, serverContext, endResponse, url }) {
      if (url.pathname === '/health' || url.pathname === '/ready') return;
      const address = clientAddress(request, serverContext as ServerContext, limiter.config.trustProxy);
      const identity = requestIdentity(request);
      const keyHash = identity.credentialHash;
      if (keyHash) {
        const refusal = await checkKey(identity, address, keyHash);
        if (refusal) {
          endResponse(refusal);
          return;
        }
      }
      const [budget, key, limit] = keyHash
        ? [limiter.keyed, keyHash, limiter.config.keyed]
        : [limiter.anonymous, address, limiter.config.anonymous];
      const outcome = await spend(limiter, budget, key);
      if (!outcome) return;
      const spent = { limit, result: outcome.result };
      if (!outcome.allowed) {
        endResponse(tooManyRequests(spent, 'Too many requests; retry after the time in the Retry-After header.'));
        return;
      }
      spentByRequest.set(request, spent);
    },
    onResponse({ request, response }) {
      const spent = spentByRequest.get(request);
      if (spent) for (const [name, value] of Object.entries(headers(spent))) response.headers.set(name, value);
    },
  };
}
