/** What each factory made, under the factory's name. */
export type LazyLoaders<Factories> = {
  readonly [Name in keyof Factories]: Factories[Name] extends (...args: never[]) => infer Loader ? Loader : never;
};

/**
 * A request's loaders, each made by its factory on first use and kept for the rest of the request,
 * so a request pays only for the loaders it touches. A factory gets the request's scope and the
 * loaders themselves, for a loader built on another one.
 */
export function lazyLoaders<Scope, Factories extends Record<keyof Factories, LoaderFactory<Scope, Factories>>>(
  scope: Scope,
  factories: Factories,
): LazyLoaders<Factories> {
  const loaders = {} as LazyLoaders<Factories>;
  for (const name of Object.keys(factories) as (keyof Factories & string)[]) {
    Object.defineProperty(loaders, name, {
      enumerable: true,
      configurable: true,
      get() {
        const loader = factories[name](scope, loaders);
        Object.defineProperty(loaders, name, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return loaders;
}

type LoaderFactory<Scope, Factories> = (scope: Scope, loaders: LazyLoaders<Factories>) => unknown;

/** The loader `name` if this request has made it already; never makes one. */
export function madeLoader<Loaders, Name extends keyof Loaders>(
  loaders: Loaders,
  name: Name,
): Loaders[Name] | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(loaders, name);
  return descriptor && 'value' in descriptor ? (descriptor.value as Loaders[Name]) : undefined;
}
