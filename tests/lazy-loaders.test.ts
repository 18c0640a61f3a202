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

it("each request makes its own loaders, with its own scope, and a loader may build on the request's others", () => {
  const factories = {
    counter: (scope: { request: string }) => ({ request: scope.request }),
    doubled: (_scope: { request: string }, loaders: { counter: { request: string } }) => ({ of: loaders.counter }),
  };
  const first = lazyLoaders({ request: 'first' }, factories);
  const second = lazyLoaders({ request: 'second' }, factories);
  expect(first.doubled.of).toBe(first.counter);
  expect(first.counter).toEqual({ request: 'first' });
  expect(madeLoader(second, 'counter')).toBe(undefined);
  expect(second.counter).toEqual({ request: 'second' });
  expect(second.counter).not.toBe(first.counter);
  expect(first.counter).toBe(first.counter);
});
