import type { Plugin } from 'graphql-yoga';
import { createApiKey } from '../../src/api-keys/keys.ts';
import { type Gateway, startGateway } from '../../src/app.ts';
import {
  type ConfigSettings,
  configWith,
  defaultLimits,
  defaultMostReadConfig,
  type Limits,
  type MostReadConfig,
  type OperationsConfig,
  type RateLimitConfig,
  type SubscriptionLimits,
} from '../../src/config.ts';
import { defaultMediaConfig, type MediaConfig } from '../../src/media/media.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { PublicUrls } from '../../src/shared/public-urls.ts';
import { createLedeYoga, type LedeYoga } from '../../src/yoga.ts';
import { createTestDatabase } from './database.ts';

export type GraphQLResponse<T = Record<string, unknown>> = {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
};

export type RequestOptions = { apiKey?: string };

export type TestGateway = Gateway & {
  /** SQL statements Prisma sent since the last `execute` began. */
  statements: string[];
  unexpectedErrors: unknown[];
  /** Every log line the gateway wrote (JSON format, debug level and up), parsed. */
  logs: Record<string, unknown>[];
  execute: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ) => Promise<GraphQLResponse<T>>;
  /** Like `execute`, but fails the test when the response carries errors. */
  // biome-ignore lint/suspicious/noExplicitAny: untyped JSON by default; the assertions check its shape.
  data: <T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ) => Promise<T>;
  /** The raw HTTP response, for status codes and headers. */
  gatewayResponse: (query: string, variables?: Record<string, unknown>, apiKey?: string) => Promise<Response>;
  /** Creates an API key with the role and returns its secret, for `options.apiKey`. */
  apiKey: (role: 'READER' | 'EDITOR' | 'ADMIN') => Promise<string>;
  /** Where this gateway's database is, for `sharedDatabase` of a second gateway. */
  databaseTarget: { databaseUrl?: string; dataDir: string };
  /** Closes the database and drops it; call from the suite's `after`. */
  close: () => Promise<void>;
};

/** POSTs a GraphQL request to a Yoga instance, as a client would, with an API key when given. */
export function postGraphQL(
  yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> },
  query: string,
  variables?: Record<string, unknown>,
  apiKey?: string,
): Promise<Response> {
  return Promise.resolve(
    yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    }),
  );
}

/**
 * A request's statements without the section tree's. Anonymous queries share the tree for up to a
 * second (src/sections/shared-tree.ts), so whether one reads it depends on the clock: comparisons
 * of statement counts between two requests leave it out.
 */
export function besidesSectionTree(statements: readonly string[]): string[] {
  return statements.filter((sql) => !sql.includes('FROM "Section" t0'));
}

/**
 * A second Yoga on a test gateway's database with direct execution off: graphql-js answers every
 * query, for tests that require direct execution's bytes to be graphql-js's.
 */
export function graphqlJsReference(lede: TestGateway): LedeYoga {
  return createLedeYoga(configWith({ directExecution: false }), {
    prisma: lede.database.prisma,
    logger: lede.logger,
    media: lede.media,
    articleEvents: lede.articleEvents,
    persistedOperations: new Map(),
  });
}

/** Starts Lede on a fresh database with the sample content. */
export async function startTestGateway(
  options: {
    loadSampleContent?: boolean;
    production?: boolean;
    limits?: Partial<Limits>;
    operations?: Partial<OperationsConfig>;
    plugins?: Plugin[];
    rateLimit?: RateLimitConfig;
    /** Manifest paths (LEDE_PERSISTED_OPERATIONS) and the allow-list switch (LEDE_PERSISTED_ONLY). */
    persisted?: { operations: string[]; only?: boolean };
    /** REDIS_URL for subscription events. */
    redisUrl?: string;
    /** Image settings; by default a temporary media folder with the default limits and widths. */
    media?: Partial<MediaConfig>;
    /** LEDE_PUBLIC_SITE_URL and LEDE_PUBLIC_API_URL, parsed; by default none (relative URLs). */
    publicUrls?: PublicUrls;
    /** Off unless given: many tests repeat a query after writing to the database directly. */
    responseCache?: ConfigSettings['responseCache'];
    /** DATABASE_REPLICA_URLS: read replicas of the gateway's (PostgreSQL) database. */
    databaseReplicaUrls?: string[];
    /** Another gateway's database (PostgreSQL only), to run two gateways on one database; kept on close. */
    /** Counting of reported reads; by default the defaults of an empty environment. */
    mostRead?: Partial<MostReadConfig>;
    /** LEDE_MAX_SUBSCRIPTIONS_PER_CLIENT and LEDE_MAX_SUBSCRIPTIONS; by default the environment's defaults. */
    subscriptions?: Partial<Pick<SubscriptionLimits, 'perClient' | 'total'>>;
    sharedDatabase?: { databaseUrl?: string; dataDir: string };
  } = {},
): Promise<TestGateway> {
  const database = options.sharedDatabase
    ? { ...options.sharedDatabase, drop: async () => {} }
    : await createTestDatabase();
  const statements: string[] = [];
  const unexpectedErrors: unknown[] = [];
  const logs: Record<string, unknown>[] = [];
  const gateway = await startGateway(
    configWith({
      databaseUrl: database.databaseUrl,
      databaseReplicaUrls: options.databaseReplicaUrls,
      dataDir: database.dataDir,
      loadSampleContent: options.loadSampleContent ?? true,
      production: options.production ?? false,
      rateLimit: options.rateLimit,
      responseCache: options.responseCache,
      limits: { ...defaultLimits(options.production ?? false), ...options.limits },
      media: { ...defaultMediaConfig(), ...options.media },
      publicUrls: options.publicUrls,
      ...options.operations,
      persistedOperations: options.persisted?.operations,
      persistedOnly: options.persisted?.only,
      redisUrl: options.redisUrl,
      mostRead: { ...defaultMostReadConfig(), ...options.mostRead },
      ...(options.subscriptions && {
        subscriptions: { ...configWith().subscriptions, ...options.subscriptions },
      }),
    }),
    {
      onQuery: (sql) => statements.push(sql),
      logError: (error) => unexpectedErrors.push(error),
      logger: createLogger({ format: 'json', level: 'debug', write: (line) => logs.push(JSON.parse(line)) }),
      plugins: options.plugins,
    },
  );
  const close = async () => {
    await gateway.mostRead.close();
    await gateway.rateLimiter?.close();
    await gateway.articleEvents.close();
    await gateway.responseCache?.close();
    await gateway.database.close();
    await gateway.media.close();
    await database.drop();
  };

  const gatewayResponse = async (query: string, variables?: Record<string, unknown>, apiKey?: string) =>
    postGraphQL(gateway.yoga, query, variables, apiKey);
  const execute = async <T>(query: string, variables?: Record<string, unknown>, options: RequestOptions = {}) => {
    statements.length = 0;
    const response = await gatewayResponse(query, variables, options.apiKey);
    return (await response.json()) as GraphQLResponse<T>;
  };
  const data = async <T>(query: string, variables?: Record<string, unknown>, options?: RequestOptions) => {
    const result = await execute<T>(query, variables, options);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    return result.data as T;
  };
  const apiKey = async (role: 'READER' | 'EDITOR' | 'ADMIN') =>
    (await createApiKey(gateway.database, { name: `test ${role.toLowerCase()}`, role })).secret;
  return {
    ...gateway,
    statements,
    unexpectedErrors,
    logs,
    execute,
    data,
    apiKey,
    gatewayResponse,
    close,
    databaseTarget: { databaseUrl: database.databaseUrl, dataDir: database.dataDir },
  };
}
