import { describe, expect, it } from 'vitest';
import { BoundedTextCache } from '../src/guards/bounded-parse-cache.ts';

describe('parse caches bounded by query text', () => {
  it('keeps the most recently used entries within the text budget', () => {
    const cache = new BoundedTextCache<number>(10, 5);
    cache.set('aaaa', 1);
    cache.set('bbbb', 2);
    expect(cache.get('aaaa'), 'a hit makes an entry the most recently used').toBe(1);
    cache.set('cccc', 3);
    expect(cache.get('bbbb'), 'the least recently used entry went first').toBe(undefined);
    expect(cache.get('aaaa')).toBe(1);
    expect(cache.get('cccc')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('does not cache a key over the length limit', () => {
    const cache = new BoundedTextCache<number>(100, 5);
    cache.set('x'.repeat(6), 1);
    expect(cache.get('x'.repeat(6))).toBe(undefined);
    expect(cache.size).toBe(0);
  });

  it('counts a replaced key once', () => {
    const cache = new BoundedTextCache<number>(8, 8);
    cache.set('abcd', 1);
    cache.set('abcd', 2);
    cache.set('efgh', 3);
    expect(cache.get('abcd')).toBe(2);
    expect(cache.get('efgh')).toBe(3);
  });
});
