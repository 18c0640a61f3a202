import { createHmac, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export type ClientLimiterOptions = {
  /** A client's reads of one article count once per this many seconds. */
  windowSeconds: number;
  /** Client-and-article pairs remembered; past this the least recently seen are forgotten. */
  maxEntries: number;
};

/**
 * Lets one client count once per article per window. A client is known only by a keyed hash of what
 * its request says about it (address, user agent): the key is random, made at start and never
 * stored, so the hashes kept in memory for a window cannot be turned back into addresses, and
 * nothing about the client is written anywhere.
 */
export class ClientLimiter {
  private readonly secret = randomBytes(32);
  private readonly seen: LRUCache<string, true>;

  constructor(options: ClientLimiterOptions) {
    this.seen = new LRUCache({ max: options.maxEntries, ttl: options.windowSeconds * 1000 });
  }

  /** The keyed hash that stands for a client. */
  clientKey(...traits: string[]): string {
    return createHmac('sha256', this.secret).update(traits.join('\n')).digest('base64url').slice(0, 16);
  }

  /** True the first time in a window that `clientKey` reads `articleId`, false for repeats. */
  firstRead(clientKey: string, articleId: number): boolean {
    const key = `${clientKey}:${articleId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }

  /** Pairs remembered now (at most `maxEntries`). */
  get size(): number {
    return this.seen.size;
  }
}
