import type { DocumentNode } from 'graphql';

/**
 * Yoga caches parsed documents and parse errors keyed by the query text, 1,024 of each by default
 * whatever their size. Clients choose that text, and a parsed document keeps every lexer token
 * (through `loc`): a token-dense query takes over 100 times its text in memory. 1,024 hostile
 * queries of up to 100 KB held most of the heap growth of tests/hostile.test.ts (~190 MB; with a
 * budget of 1 MB of text still ~140 MB, mostly Token and Location objects). These caches keep the
 * speed-up for real operations (1 to 3 KB each) within a budget of text.
 */
export class BoundedTextCache<T> {
  private readonly entries = new Map<string, T>();
  private textLength = 0;

  constructor(
    /** Total length of the cached keys, in characters. */
    private readonly maxTextLength: number,
    /** Longer keys are not cached at all. */
    private readonly maxKeyLength: number,
  ) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Most recently used last, so eviction takes the least recently used first.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: T): void {
    if (key.length > this.maxKeyLength) return;
    if (this.entries.delete(key)) this.textLength -= key.length;
    this.entries.set(key, value);
    this.textLength += key.length;
    for (const oldest of this.entries.keys()) {
      if (this.textLength <= this.maxTextLength) break;
      this.entries.delete(oldest);
      this.textLength -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * 200,000 characters of query text for parsed documents (some 100 real operations), 50,000 for
 * parse errors; a query over 10,000 characters is parsed every time.
 */
export function boundedParserCaches() {
  return {
    documentCache: new BoundedTextCache<DocumentNode>(200_000, 10_000),
    errorCache: new BoundedTextCache<unknown>(50_000, 10_000),
  };
}
