import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_IMAGE_WIDTHS, type MediaConfig } from './media/media.ts';
import { normalisePublicBase, type PublicUrls, publicBaseProblem } from './shared/public-urls.ts';

/**
 * A front page or an article is tens of KB of JSON, so 1 MiB per response keeps every real page
 * while a client-built response of many megabytes is recomputed instead of kept; 64 MiB holds
 * thousands of real pages and stays a small part of a gateway's heap.
 */
const DEFAULT_CACHE_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_CACHE_MAX_ENTRY_BYTES = 1024 * 1024;

/** A whole number of something, read from an environment variable. */
function limit(min: number, max: number) {
  return z
    .string()
    .regex(/^\s*\d+\s*$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** An absolute http(s) URL that public URLs are built under, without its trailing slash. */
const publicBase = z
  .string()
  .superRefine((value, context) => {
    const problem = publicBaseProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalisePublicBase);

// The numbers of defaultLimits (below); introspection and GraphiQL follow NODE_ENV in parseConfig.
const DEFAULT_LIMITS = defaultLimits(false);

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

export type SubscriptionLimits = {
  /** Streams one client may hold open: an anonymous client by its address, a key by its key. */
  perClient: number;
  /** Streams open at once on this gateway. */
  total: number;
  /** Take the client's address from X-Forwarded-For (LEDE_TRUST_PROXY). */
  trustProxy: boolean;
};

export type MostReadConfig = {
  /** How often each gateway adds the reads it counted to the database, in ms. */
  flushIntervalMs: number;
  /** A client's reads of one article count once per this many seconds. */
  clientWindowSeconds: number;
  /** Client-and-article pairs remembered for that limit, at most. */
  maxRememberedReads: number;
  /** Take the client's address from X-Forwarded-For (LEDE_TRUST_PROXY). */
  trustProxy: boolean;
};

/** The most-read counter's settings when the environment names none. */
export const defaultMostReadConfig = (): MostReadConfig => ({
  flushIntervalMs: 5_000,
  clientWindowSeconds: 1_800,
  maxRememberedReads: 100_000,
  trustProxy: false,
});

// Every setting Lede reads from the environment, parsed once at start.
// The README's table of environment variables mirrors this file.
const environment = z.object({
  /** TCP port the HTTP server listens on. Default 4000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface the HTTP server binds to. Default all interfaces. */
  HOST: z.string().min(1).optional(),
  /** PostgreSQL connection URL. When unset, the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * PostgreSQL read replicas of DATABASE_URL, comma-separated URLs: anonymous queries read from one
   * of them; writes, editors' requests and subscriptions use DATABASE_URL. Default none.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .superRefine((urls, context) => {
      for (const [index, url] of urls.entries()) {
        if (!isPostgresUrl(url)) {
          context.addIssue({
            code: 'custom',
            message: `replica ${index + 1} must be a URL such as postgres://user:password@host:5432/database`,
          });
        }
      }
    })
    .optional(),
  /** Folder of the embedded PGlite database; `memory://` keeps it in memory. Default ./data. */
  LEDE_DATA_DIR: z.string().min(1).default('data'),
  /** Load the sample articles into an empty database on start: true or false. Default true. */
  LEDE_SAMPLE_CONTENT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** `production` hides error details from clients and turns off development helpers. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Deepest field nesting an operation may have (fields, not fragments). Default 12. */
  LEDE_MAX_DEPTH: limit(1, 100).default(DEFAULT_LIMITS.maxDepth),
  /** Most aliases an operation may use. Default 30. */
  LEDE_MAX_ALIASES: limit(0, 1000).default(DEFAULT_LIMITS.maxAliases),
  /** Most directives an operation may use. Default 20. */
  LEDE_MAX_DIRECTIVES: limit(0, 1000).default(DEFAULT_LIMITS.maxDirectives),
  /** Most lexical tokens a query document may have. Default 5000. */
  LEDE_MAX_TOKENS: limit(10, 1_000_000).default(DEFAULT_LIMITS.maxTokens),
  /** Largest query text, in bytes (UTF-8). Default 100000. */
  LEDE_MAX_QUERY_BYTES: limit(100, 100_000_000).default(DEFAULT_LIMITS.maxQueryBytes),
  /** Largest HTTP request body, in bytes. Default 1048576 (1 MiB). */
  LEDE_MAX_BODY_BYTES: limit(1024, 1_000_000_000).default(DEFAULT_LIMITS.maxBodyBytes),
  /** Highest estimated cost of an operation (see README "Limits and security"). Default 25000. */
  LEDE_MAX_COST: limit(1, 100_000_000).default(DEFAULT_LIMITS.maxCost),
  /** Answer introspection queries: true or false. Default true, false in production. */
  LEDE_INTROSPECTION: flag.optional(),
  /** Serve GraphiQL at /graphql to browsers: true or false. Default true, false in production. */
  LEDE_GRAPHIQL: flag.optional(),
  /** Log line format: `json` (one object a line) or `pretty`. Default json in production, else pretty. */
  LEDE_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Least severe log level written: debug, info, warn or error. Default info. */
  LEDE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Serve Prometheus metrics at /metrics: true or false. Default true. */
  LEDE_METRICS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** When set, /metrics answers only requests with `Authorization: Bearer <this token>`. */
  LEDE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Longest a single SQL statement may run, in ms; 0 turns the limit off. Default 5000. */
  LEDE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /** Longest a request may take before the client gets a timeout error, in ms; 0 = no limit. Default 15000. */
  LEDE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /**
   * Origins that browsers may call the API from: `*` (any) or a comma-separated list such as
   * `https://www.example.com,https://app.example.com`. Default `*` in development, none
   * (same origin only) in production.
   */
  LEDE_CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) => origins.every((origin) => origin === '*' || isOrigin(origin)),
      'must be * or a comma-separated list of origins such as https://www.example.com',
    )
    .optional(),
  /** Requests per window from one client address without an API key; 0 turns rate limiting off. Default 600. */
  LEDE_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(0).default(600),
  /** Requests per window for one API key. Default 6000. */
  LEDE_RATE_LIMIT_KEYED: z.coerce.number().int().min(1).default(6000),
  /** Refused (401) API keys per window from one client address before it gets 429. Default 30. */
  LEDE_RATE_LIMIT_INVALID_KEYS: z.coerce.number().int().min(1).default(30),
  /** Length of the rate-limit window in seconds. Default 60. */
  LEDE_RATE_LIMIT_WINDOW: z.coerce.number().int().min(1).default(60),
  /** Redis URL (redis://host:6379) shared by several gateways for rate limiting and subscription events; unset keeps them in memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** `true` takes the client address from X-Forwarded-For (set only behind a proxy that writes it). Default false. */
  LEDE_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Persisted-operations manifests (`{"sha256:<hex>": "<document>"}`), comma-separated paths. Default none. */
  LEDE_PERSISTED_OPERATIONS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .optional(),
  /** `true` runs only operations from the manifests (an allow-list), except for editors' keys. Default false. */
  LEDE_PERSISTED_ONLY: flag.default(false),
  /** Folder of uploaded images and their renditions. Default <LEDE_DATA_DIR>/media (a temporary folder for memory://). */
  LEDE_MEDIA_DIR: z.string().min(1).optional(),
  /** Largest image upload, in bytes. Default 20971520 (20 MiB). */
  LEDE_MEDIA_MAX_BYTES: limit(1024, 1_000_000_000).default(20 * 1024 * 1024),
  /** Most pixels (width × height) an uploaded image may have, against decompression bombs. Default 50000000. */
  LEDE_MEDIA_MAX_PIXELS: limit(1, 1_000_000_000).default(50_000_000),
  /** Uploads whose bodies may be received at once; more get 503 before their bodies are read. Default 4. */
  LEDE_MEDIA_MAX_CONCURRENT_UPLOADS: limit(1, 1000).default(4),
  /** Subscription streams one client (address, or API key) may hold open at once. Default 20. */
  LEDE_MAX_SUBSCRIPTIONS_PER_CLIENT: limit(1, 100_000).default(20),
  /** Subscription streams this gateway holds open at once, from everyone. Default 10000. */
  LEDE_MAX_SUBSCRIPTIONS: limit(1, 10_000_000).default(10_000),
  /** Widths renditions are made at, in pixels, with commas. Default 160,320,480,640,800,1024,1280,1600,1920. */
  LEDE_IMAGE_WIDTHS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be whole numbers with commas, such as 320,640,1280')
    .transform((value) => [...new Set(value.split(',').map(Number))].sort((a, b) => a - b))
    .refine((widths) => widths.every((width) => width >= 16 && width <= 8192), 'each width must be 16 to 8192')
    .refine((widths) => widths.length <= 30, 'at most 30 widths')
    .optional(),
  /** The public site's address, such as https://www.example.com: `url` fields of articles and pages are built under it. Default unset (relative). */
  LEDE_PUBLIC_SITE_URL: publicBase.optional(),
  /** The gateway's public address, such as https://api.example.com: image URLs are built under it. Default unset (relative). */
  LEDE_PUBLIC_API_URL: publicBase.optional(),
  /** How long anonymous query responses are cached, in ms; 0 turns the response cache off. Default 10000. */
  LEDE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  /** Responses kept in memory when REDIS_URL is unset. Default 5000. */
  LEDE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /** Total size of the responses kept in memory when REDIS_URL is unset, in bytes of JSON. Default 67108864 (64 MiB). */
  LEDE_CACHE_MAX_BYTES: limit(1024, 100_000_000_000).default(DEFAULT_CACHE_MAX_BYTES),
  /** Largest response cached (in memory or Redis), in bytes of JSON; larger ones are recomputed. Default 1048576 (1 MiB). */
  LEDE_CACHE_MAX_ENTRY_BYTES: limit(1, 1_000_000_000).default(DEFAULT_CACHE_MAX_ENTRY_BYTES),
  /** Run planned queries by direct execution instead of graphql-js: true or false. Default true. */
  LEDE_DIRECT_EXECUTION: flag.default(true),
  /** How often a gateway adds the article reads it counted to the database, in ms (docs/most-read.md). Default 5000. */
  LEDE_MOST_READ_FLUSH_MS: limit(100, 3_600_000).default(defaultMostReadConfig().flushIntervalMs),
  /** A client's reads of one article count once per this many seconds. Default 1800. */
  LEDE_MOST_READ_CLIENT_WINDOW_SECONDS: limit(1, 86_400).default(defaultMostReadConfig().clientWindowSeconds),
  /** Client-and-article pairs remembered for that limit, at most (each about 150 bytes). Default 100000. */
  LEDE_MOST_READ_MAX_REMEMBERED: limit(1000, 10_000_000).default(defaultMostReadConfig().maxRememberedReads),
});

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  /** Read replicas of databaseUrl (README "Running several instances"); empty when none. */
  databaseReplicaUrls: string[];
  dataDir: string;
  loadSampleContent: boolean;
  production: boolean;
  limits: Limits;
  logFormat: 'json' | 'pretty';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  metrics: boolean;
  metricsToken: string | undefined;
  statementTimeoutMs: number;
  requestTimeoutMs: number;
  /** `*` for any origin, otherwise the allowed origins (empty: same origin only). */
  corsOrigins: '*' | string[];
  /** Undefined when rate limiting is off. */
  rateLimit?: RateLimitConfig;
  /** Paths of persisted-operations manifests (README "Persisted operations"); empty when none. */
  persistedOperations: string[];
  /** Only operations from the manifests run (editors' keys excepted); automatic persisted queries are off. */
  persistedOnly: boolean;
  /** REDIS_URL: subscriptions fan out through its pub/sub when set. */
  redisUrl?: string;
  /** Image storage, upload limits and the rendition width ladder. */
  media: MediaConfig;
  /** LEDE_PUBLIC_SITE_URL and LEDE_PUBLIC_API_URL; unset ones keep their URLs relative. */
  publicUrls: PublicUrls;
  /** Undefined when the response cache is off. */
  responseCache?: ResponseCacheConfig;
  /** Queries run by direct execution where it has a plan (engine/direct-execution.ts). Default true. */
  directExecution: boolean;
  /** Counting reported article reads (docs/most-read.md). */
  mostRead: MostReadConfig;
  /** Subscription streams open at once (src/guards/use-subscription-limits.ts). */
  subscriptions: SubscriptionLimits;
};

export type ResponseCacheConfig = {
  /** How long an anonymous query's response is reused, in ms. */
  ttlMs: number;
  /** Responses kept in this process's memory when there is no Redis (least recently used go first). */
  maxEntries: number;
  /** Total size of the responses kept in memory, in bytes of JSON. */
  maxBytes: number;
  /** A response larger than this, in bytes of JSON, is not cached (in memory or Redis). */
  maxEntryBytes: number;
  /** When set, the cache lives in this Redis and every gateway using it shares it. */
  redisUrl?: string;
};

export type RateLimitConfig = {
  /** Requests per window per client address without an API key. */
  anonymous: number;
  /** Requests per window per API key. */
  keyed: number;
  /** Refused API keys per window per client address. */
  invalidKeys: number;
  /** Window length in seconds. */
  windowSeconds: number;
  redisUrl?: string;
  trustProxy: boolean;
};

/** What a request may ask for; each is enforced before any database work (README "Limits and security"). */
export type Limits = {
  /** Deepest field nesting; fragments do not add levels. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens in the query document. */
  maxTokens: number;
  /** Query text, bytes. */
  maxQueryBytes: number;
  /** HTTP request body, bytes. */
  maxBodyBytes: number;
  /** Estimated cost of one operation (see src/guards/use-query-cost.ts). */
  maxCost: number;
  introspection: boolean;
  graphiql: boolean;
};

/** The limits when no environment variable overrides them. */
export function defaultLimits(production: boolean): Limits {
  return {
    maxDepth: 12,
    maxAliases: 30,
    maxDirectives: 20,
    maxTokens: 5000,
    maxQueryBytes: 100_000,
    maxBodyBytes: 1024 * 1024,
    maxCost: 25_000,
    introspection: !production,
    graphiql: !production,
  };
}

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const value = parsed.data;
  if (value.LEDE_PERSISTED_ONLY && !value.LEDE_PERSISTED_OPERATIONS?.length) {
    throw new ConfigError(
      'Invalid environment:\n  LEDE_PERSISTED_ONLY: needs LEDE_PERSISTED_OPERATIONS (the manifests)',
    );
  }
  if (value.DATABASE_REPLICA_URLS?.length && !value.DATABASE_URL) {
    throw new ConfigError(
      'Invalid environment:\n  DATABASE_REPLICA_URLS: needs DATABASE_URL (the primary); the embedded database has no replicas',
    );
  }
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    databaseReplicaUrls: value.DATABASE_REPLICA_URLS ?? [],
    dataDir: value.LEDE_DATA_DIR.startsWith('memory://') ? value.LEDE_DATA_DIR : path.resolve(value.LEDE_DATA_DIR),
    loadSampleContent: value.LEDE_SAMPLE_CONTENT,
    production: value.NODE_ENV === 'production',
    limits: {
      maxDepth: value.LEDE_MAX_DEPTH,
      maxAliases: value.LEDE_MAX_ALIASES,
      maxDirectives: value.LEDE_MAX_DIRECTIVES,
      maxTokens: value.LEDE_MAX_TOKENS,
      maxQueryBytes: value.LEDE_MAX_QUERY_BYTES,
      maxBodyBytes: value.LEDE_MAX_BODY_BYTES,
      maxCost: value.LEDE_MAX_COST,
      introspection: value.LEDE_INTROSPECTION ?? value.NODE_ENV !== 'production',
      graphiql: value.LEDE_GRAPHIQL ?? value.NODE_ENV !== 'production',
    },
    logFormat: value.LEDE_LOG_FORMAT ?? (value.NODE_ENV === 'production' ? 'json' : 'pretty'),
    logLevel: value.LEDE_LOG_LEVEL,
    metrics: value.LEDE_METRICS,
    metricsToken: value.LEDE_METRICS_TOKEN,
    statementTimeoutMs: value.LEDE_STATEMENT_TIMEOUT_MS,
    requestTimeoutMs: value.LEDE_REQUEST_TIMEOUT_MS,
    corsOrigins: value.LEDE_CORS_ORIGINS?.includes('*')
      ? '*'
      : (value.LEDE_CORS_ORIGINS ?? (value.NODE_ENV === 'production' ? [] : '*')),
    rateLimit:
      value.LEDE_RATE_LIMIT_ANONYMOUS === 0
        ? undefined
        : {
            anonymous: value.LEDE_RATE_LIMIT_ANONYMOUS,
            keyed: value.LEDE_RATE_LIMIT_KEYED,
            invalidKeys: value.LEDE_RATE_LIMIT_INVALID_KEYS,
            windowSeconds: value.LEDE_RATE_LIMIT_WINDOW,
            redisUrl: value.REDIS_URL,
            trustProxy: value.LEDE_TRUST_PROXY,
          },
    persistedOperations: value.LEDE_PERSISTED_OPERATIONS ?? [],
    persistedOnly: value.LEDE_PERSISTED_ONLY,
    redisUrl: value.REDIS_URL,
    media: {
      dir:
        value.LEDE_MEDIA_DIR !== undefined
          ? path.resolve(value.LEDE_MEDIA_DIR)
          : value.LEDE_DATA_DIR.startsWith('memory://')
            ? undefined
            : path.resolve(value.LEDE_DATA_DIR, 'media'),
      maxBytes: value.LEDE_MEDIA_MAX_BYTES,
      maxPixels: value.LEDE_MEDIA_MAX_PIXELS,
      maxConcurrentUploads: value.LEDE_MEDIA_MAX_CONCURRENT_UPLOADS,
      widths: value.LEDE_IMAGE_WIDTHS ?? DEFAULT_IMAGE_WIDTHS,
    },
    publicUrls: { site: value.LEDE_PUBLIC_SITE_URL, api: value.LEDE_PUBLIC_API_URL },
    responseCache:
      value.LEDE_CACHE_TTL_MS === 0
        ? undefined
        : {
            ttlMs: value.LEDE_CACHE_TTL_MS,
            maxEntries: value.LEDE_CACHE_MAX_ENTRIES,
            maxBytes: value.LEDE_CACHE_MAX_BYTES,
            maxEntryBytes: value.LEDE_CACHE_MAX_ENTRY_BYTES,
            redisUrl: value.REDIS_URL,
          },
    directExecution: value.LEDE_DIRECT_EXECUTION,
    subscriptions: {
      perClient: value.LEDE_MAX_SUBSCRIPTIONS_PER_CLIENT,
      total: value.LEDE_MAX_SUBSCRIPTIONS,
      trustProxy: value.LEDE_TRUST_PROXY,
    },
    mostRead: {
      flushIntervalMs: value.LEDE_MOST_READ_FLUSH_MS,
      clientWindowSeconds: value.LEDE_MOST_READ_CLIENT_WINDOW_SECONDS,
      maxRememberedReads: value.LEDE_MOST_READ_MAX_REMEMBERED,
      trustProxy: value.LEDE_TRUST_PROXY,
    },
  };
}

/** The operational settings (logs, metrics, timeouts, CORS). */
export type OperationsConfig = Pick<
  Config,
  'logFormat' | 'logLevel' | 'metrics' | 'metricsToken' | 'statementTimeoutMs' | 'requestTimeoutMs' | 'corsOrigins'
>;

/**
 * A whole configuration for a gateway built in process, without an environment (tests,
 * benchmarks): what parseConfig gives an environment that sets only NODE_ENV (from `production`),
 * LEDE_DATA_DIR (`settings.dataDir`, else `memory://`), and turns rate limiting and the response
 * cache off, with every setting of `settings` that is not undefined on top.
 */
export function configWith(settings: ConfigSettings = {}): Config {
  const { responseCache, ...rest } = settings;
  const defaults = parseConfig({
    NODE_ENV: settings.production ? 'production' : 'development',
    LEDE_DATA_DIR: settings.dataDir ?? 'memory://',
    LEDE_RATE_LIMIT_ANONYMOUS: '0',
    LEDE_CACHE_TTL_MS: '0',
  });
  const given = Object.entries(rest).filter(([, value]) => value !== undefined);
  return {
    ...defaults,
    ...Object.fromEntries(given),
    ...(responseCache && {
      responseCache: {
        maxBytes: DEFAULT_CACHE_MAX_BYTES,
        maxEntryBytes: DEFAULT_CACHE_MAX_ENTRY_BYTES,
        ...responseCache,
      },
    }),
  };
}

/** The settings of a gateway built in process; the response cache's sizes may be left out. */
export type ConfigSettings = Partial<Omit<Config, 'responseCache'>> & {
  responseCache?: Omit<ResponseCacheConfig, 'maxBytes' | 'maxEntryBytes'> &
    Partial<Pick<ResponseCacheConfig, 'maxBytes' | 'maxEntryBytes'>>;
};
