import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedTextCache } from '../src/plugins/bounded-parse-cache.ts';

describe('parse caches bounded by query text', () => {
  it('keeps the most recently used entries within the text budget', () => {
    const cache = new BoundedTextCache<number>(10, 5);
    cache.set('aaaa', 1);
    cache.set('bbbb', 2);
    assert.equal(cache.get('aaaa'), 1, 'a hit makes an entry the most recently used');
    cache.set('cccc', 3);
    assert.equal(cache.get('bbbb'), undefined, 'the least recently used entry went first');
    assert.equal(cache.get('aaaa'), 1);
    assert.equal(cache.get('cccc'), 3);
    assert.equal(cache.size, 2);
  });

  it('does not cache a key over the length limit', () => {
    const cache = new BoundedTextCache<number>(100, 5);
    cache.set('x'.repeat(6), 1);
    assert.equal(cache.get('x'.repeat(6)), undefined);
    assert.equal(cache.size, 0);
  });

  it('counts a replaced key once', () => {
    const cache = new BoundedTextCache<number>(8, 8);
    cache.set('abcd', 1);
    cache.set('abcd', 2);
    cache.set('efgh', 3);
    assert.equal(cache.get('abcd'), 2);
    assert.equal(cache.get('efgh'), 3);
  });
});
