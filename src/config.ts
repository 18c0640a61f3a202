import path from 'node:path';
import { z } from 'zod';

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
  /** Folder of the embedded PGlite database; `memory://` keeps it in memory. Default ./data. */
  LEDE_DATA_DIR: z.string().min(1).default('data'),
  /** Load the sample articles into an empty database on start: true or false. Default true. */
  LEDE_SAMPLE_CONTENT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** `production` hides error details from clients and turns off development helpers. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Requests per window from one client address without an API key; 0 turns rate limiting off. Default 600. */
  LEDE_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(0).default(600),
  /** Requests per window for one API key. Default 6000. */
  LEDE_RATE_LIMIT_KEYED: z.coerce.number().int().min(1).default(6000),
  /** Refused (401) API keys per window from one client address before it gets 429. Default 30. */
  LEDE_RATE_LIMIT_INVALID_KEYS: z.coerce.number().int().min(1).default(30),
  /** Length of the rate-limit window in seconds. Default 60. */
  LEDE_RATE_LIMIT_WINDOW: z.coerce.number().int().min(1).default(60),
  /** Redis URL (redis://host:6379) shared by several gateways for rate limiting; unset keeps counts in memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** `true` takes the client address from X-Forwarded-For (set only behind a proxy that writes it). Default false. */
  LEDE_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export type Config = {
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  loadSampleContent: boolean;
  production: boolean;
  /** Undefined when rate limiting is off. */
  rateLimit?: RateLimitConfig;
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

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    dataDir: value.LEDE_DATA_DIR.startsWith('memory://') ? value.LEDE_DATA_DIR : path.resolve(value.LEDE_DATA_DIR),
    loadSampleContent: value.LEDE_SAMPLE_CONTENT,
    production: value.NODE_ENV === 'production',
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
  };
}
