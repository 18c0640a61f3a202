import type { PrismaClient } from '../generated/prisma/client.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export type Context = {
  prisma: PrismaClient;
  /** The request's clock: every visibility check in one request uses the same instant. */
  now: Date;
  loaders: Loaders;
};

export function createContext(prisma: PrismaClient): Context {
  const now = new Date();
  return { prisma, now, loaders: createLoaders(prisma, now) };
}
