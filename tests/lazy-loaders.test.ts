import { expect, it } from 'vitest';
import { lazyLoaders, madeLoader } from '../src/shared/lazy-loaders.ts';

it('madeLoader tells whether a request made a loader, without making it', () => {
  let made = 0;
  const loaders = lazyLoaders({}, { counter: () => ({ id: ++made }) });
  expect(madeLoader(loaders, 'counter')).toBe(undefined);
  expect(made).toBe(0);
  const counter = loaders.counter;
  expect(madeLoader(loaders, 'counter')).toBe(counter);
  expect(made).toBe(1);
});
