import type { Plugin } from 'graphql-yoga';
import { useExecutionCancellation } from 'graphql-yoga';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { useRequestIdentity } from '../api-keys/request-identity.ts';
import type { Config } from '../config.ts';
import { useRequestScope } from './request-scope.ts';
import { useRequestTimeout } from './request-timeout.ts';
import { useDisableIntrospection } from './use-disable-introspection.ts';
import { type PersistedOperations, usePersistedOperationsManifest } from './use-persisted-operations.ts';
import { useQueryCost } from './use-query-cost.ts';
import { useQueryLimits } from './use-query-limits.ts';
import { type RateLimiter, useRateLimit } from './use-rate-limit.ts';
import { useSubscriptionLimits } from './use-subscription-limits.ts';

export type GuardParts = {
  prisma: PrismaClient;
  /** Set on the embedded database: the local tools' bearer token (db/gateway-lock.ts). */
  localToken?: string;
  /** Request budgets per address and per key; none when undefined. */
  rateLimiter?: RateLimiter;
  /** The manifests' operations, loaded at start (LEDE_PERSISTED_OPERATIONS). */
  persistedOperations: PersistedOperations;
  /** The page sizes of connections (builder.ts), which the price of an operation counts. */
  pageSizes: { default: number; max: number };
};

/**
 * Who is calling and what a request may cost, in the order a request meets them: its identity and
 * scope (before any other plugin reads them), its deadline, its rate budget, then the operation's
 * persisted form, which the limits and the price are measured on, the streams open at once, and
 * introspection.
 */
export function guardPlugins(config: Config, parts: GuardParts): Plugin[] {
  const { limits } = config;
  return [
    useRequestIdentity({ prisma: parts.prisma, localToken: parts.localToken }),
    useRequestScope(),
    ...(config.requestTimeoutMs > 0 ? [useRequestTimeout(config.requestTimeoutMs)] : []),
    useExecutionCancellation(),
    ...(parts.rateLimiter ? [useRateLimit(parts.rateLimiter)] : []),
    usePersistedOperationsManifest({ operations: parts.persistedOperations, persistedOnly: config.persistedOnly }),
    useQueryLimits(limits, { hideSuggestions: config.production }),
    useQueryCost(limits.maxCost, parts.pageSizes),
    useSubscriptionLimits(config.subscriptions),
    ...(limits.introspection ? [] : [useDisableIntrospection()]),
  ];
}
