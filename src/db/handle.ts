import type { PrismaClient } from '../../generated/prisma/client.ts';

/**
 * What a domain function needs to reach the database: the request's client (a read replica's for
 * anonymous reads, the primary's otherwise). The request context is one, so a resolver hands its
 * context over and never names the client itself.
 */
export type Db = { readonly prisma: PrismaClient };
