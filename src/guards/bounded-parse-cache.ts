import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Yoga caches parsed documents and parse errors keyed by the query text, 1,024 of each by default
 * whatever their size. Clients choose that text, and a parsed document keeps every lexer token
 * (through `loc`): a token-dense query takes over 100 times its text in memory. 1,024 hostile
 * queries of up to 100 KB held most of the heap growth of tests/hostile.test.ts (~190 MB; with a
 * budget of 1 MB of text still ~140 MB, mostly Token and Location objects). These caches keep the
 * speed-up for real operations (1 to 3 KB each) within a budget of text, least recently used first.
 *
 * A tiny query costs little text but a whole document or error (and the prices kept with its
 * document, see use-query-cost.ts), so each entry may also be charged a fixed number of characters:
 * otherwise thousands of distinct `{a1:__typename}` fill the cache by count rather than by text.
 */
export class BoundedTextCache<T extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, T>;

  constructor(
    /** Total length of the cached keys, plus `entryCost` for each, in characters. */
    maxTextLength: number,
    /** Longer keys are not cached at all. */
    maxKeyLength: number,
    /** Characters charged for each entry on top of its key. */
    entryCost = 0,
  ) {
    this.entries = new LRUCache<string, T>({
      maxSize: maxTextLength,
      maxEntrySize: Math.min(maxKeyLength + entryCost, maxTextLength),
      sizeCalculation: (_value, key) => Math.max(1, key.length + entryCost),
    });
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): void {
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A parsed document or a parse error takes about 2 KB of heap even for a query of a few characters;
 * each is charged as 1,000 characters of text besides its own.
 */
const PARSED_ENTRY_COST = 1000;

/**
 * 200,000 characters of query text for parsed documents (some 70 real operations, or 200 tiny
 * ones), 50,000 for parse errors; a query over 10,000 characters is parsed every time.
 */
export function boundedParserCaches() {
  return {
    documentCache: new BoundedTextCache<DocumentNode>(200_000, 10_000, PARSED_ENTRY_COST),
    errorCache: new BoundedTextCache<NonNullable<unknown>>(50_000, 10_000, PARSED_ENTRY_COST),
  };
}
