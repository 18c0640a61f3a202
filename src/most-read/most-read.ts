import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { MostReadConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { clientAddress } from '../guards/use-rate-limit.ts';
import type { SectionTree } from '../sections/tree.ts';
import type { Logger } from '../shared/logger.ts';
import { ClientLimiter } from './client-limiter.ts';
import { countReadArticles, mostReadArticleIds, publicArticleIds, type RankingScope } from './store.ts';
import { hourOf, ViewCounter } from './view-counter.ts';

/** Hours each window reaches back, besides the hour now running. */
export const MOST_READ_WINDOW_HOURS = { HOUR: 1, DAY: 24, WEEK: 168 } as const;
export type MostReadWindow = keyof typeof MOST_READ_WINDOW_HOURS;

export const MAX_MOST_READ = 50;
export const DEFAULT_MOST_READ = 10;

/** What became of a reported read. */
export type ReadOutcome = 'COUNTED' | 'REPEATED' | 'NOT_FOUND';

/** Articles whose visibility is remembered, so a reported read rarely needs the database. */
const KNOWN_ARTICLES = 20_000;
const PUBLIC_TTL_MS = 60_000;
// Short, so a scheduled article counts soon after its time comes.
const NOT_PUBLIC_TTL_MS = 10_000;
// Counts reach back a week and an hour; a spare hour covers clocks a little apart.
const RETENTION_HOURS = MOST_READ_WINDOW_HOURS.WEEK + 2;

type ServerContext = Parameters<typeof clientAddress>[1];

/**
 * One per gateway: counts reported reads of public articles, once per client and article per
 * window, and adds them to the database in batches (see ViewCounter).
 */
export function createMostRead(
  prisma: PrismaClient,
  config: MostReadConfig,
  options: { logger?: Logger; now?: () => Date } = {},
) {
  const now = options.now ?? (() => new Date());
  const counter = new ViewCounter(prisma, {
    flushIntervalMs: config.flushIntervalMs,
    retentionHours: RETENTION_HOURS,
    now,
    onFlushError: (error) =>
      options.logger?.warn('most read: counts not saved; they go with the next flush', {
        error: error instanceof Error ? error.message : String(error),
      }),
  }).start();
  const limiter = new ClientLimiter({
    windowSeconds: config.clientWindowSeconds,
    maxEntries: config.maxRememberedReads,
  });
  const known = new LRUCache<number, boolean>({ max: KNOWN_ARTICLES });
  const lookups = new DataLoader<number, boolean>(
    async (ids) => {
      const found = await publicArticleIds(prisma, ids, now());
      return ids.map((id) => found.has(id));
    },
    { cache: false, maxBatchSize: 500 },
  );
  const isPublic = async (articleId: number) => {
    const cached = known.get(articleId);
    if (cached !== undefined) return cached;
    const result = await lookups.load(articleId);
    known.set(articleId, result, { ttl: result ? PUBLIC_TTL_MS : NOT_PUBLIC_TTL_MS });
    return result;
  };

  return {
    counter,
    limiter,
    /** The keyed hash that stands for the client sending `request` (address and user agent). */
    clientKey(request: Request, serverContext: ServerContext): string {
      return limiter.clientKey(
        clientAddress(request, serverContext, config.trustProxy),
        request.headers.get('user-agent') ?? '',
      );
    },
    /** Counts one read of a public article, unless this client's read of it was counted lately. */
    async record(articleId: number, clientKey: string): Promise<ReadOutcome> {
      if (!(await isPublic(articleId))) return 'NOT_FOUND';
      if (!limiter.firstRead(clientKey, articleId)) return 'REPEATED';
      counter.add(articleId);
      return 'COUNTED';
    },
    flush: () => counter.flush(),
    /** Flushes what is left; call on shutdown before the database closes. */
    close: () => counter.close(),
  };
}

export type MostRead = ReturnType<typeof createMostRead>;

/** What a window covers: the clock hour now running and the window's hours before it. */
export function windowScope(
  window: MostReadWindow,
  now: Date,
  sections?: { ids: number[]; tree: SectionTree },
): RankingScope {
  return { since: new Date(hourOf(now).getTime() - MOST_READ_WINDOW_HOURS[window] * 3_600_000), now, sections };
}

/** The `first` most read public articles in scope, and whether more were read. */
export async function rankMostRead(
  { prisma }: Db,
  scope: RankingScope,
  first: number,
): Promise<{ ids: number[]; hasMore: boolean }> {
  const rows = await mostReadArticleIds(prisma, scope, first + 1);
  return { ids: rows.slice(0, first).map((row) => row.id), hasMore: rows.length > first };
}

/** How many public articles in scope were read at all (the list's `totalCount`). */
export function countMostRead({ prisma }: Db, scope: RankingScope): Promise<number> {
  return countReadArticles(prisma, scope);
}
