import type { PrismaClient } from '../../generated/prisma/client.ts';
import { addViews, deleteViewsBefore, type ViewBatchRow } from './store.ts';

const HOUR_MS = 3_600_000;

/** The start of the clock hour (UTC) that `at` falls in. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export type ViewCounterOptions = {
  /** How often the counts are added to the database, in ms. */
  flushIntervalMs: number;
  /** Hours of counts kept in the database; older ones are removed about once an hour. */
  retentionHours: number;
  now?: () => Date;
  /** Told of a flush that failed (its counts are kept and go with the next one), or of a failed clean-up. */
  onFlushError?: (error: unknown) => void;
};

/**
 * Reads counted in memory, per article and clock hour, and added to the database in one statement
 * per flush: every `flushIntervalMs`, and on close. A read costs a map update, never a write.
 */
export class ViewCounter {
  private pending = new Map<string, ViewBatchRow>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> = Promise.resolve(0);
  private lastPrune = 0;
  private readonly now: () => Date;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ViewCounterOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts the periodic flush. */
  start(): this {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
    return this;
  }

  add(articleId: number, views = 1): void {
    const hour = hourOf(this.now());
    const key = `${articleId}:${hour.getTime()}`;
    const row = this.pending.get(key);
    if (row) row.views += views;
    else this.pending.set(key, { articleId, hour, views });
  }

  /** Reads counted and not yet in the database. */
  get pendingViews(): number {
    let total = 0;
    for (const row of this.pending.values()) total += row.views;
    return total;
  }

  /** Adds what was counted to the database; resolves with the rows written. One flush at a time. */
  flush(): Promise<number> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  /** Stops the timer and flushes what is left (on shutdown, before the database closes). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async flushOnce(): Promise<number> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      if (!batch.size) return 0;
      const written = await addViews(this.prisma, [...batch.values()]);
      // Only after a write: a gateway nobody reports reads to sends no statement at all. Its own
      // failure must not put the batch back, which is saved.
      await this.pruneHourly().catch((error: unknown) => this.options.onFlushError?.(error));
      return written;
    } catch (error) {
      for (const row of batch.values()) {
        const key = `${row.articleId}:${row.hour.getTime()}`;
        const newer = this.pending.get(key);
        if (newer) newer.views += row.views;
        else this.pending.set(key, row);
      }
      this.options.onFlushError?.(error);
      return 0;
    }
  }

  private async pruneHourly(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastPrune < HOUR_MS) return;
    this.lastPrune = now;
    await deleteViewsBefore(
      this.prisma,
      new Date(hourOf(this.now()).getTime() - this.options.retentionHours * HOUR_MS),
    );
  }
}
