/** What each factory made, under the factory's name. */
export type LazyLoaders<Factories> = {
  readonly [Name in keyof Factories]: Factories[Name] extends (...args: never[]) => infer Loader ? Loader : never;
};

type LoaderFactory<Scope, Factories> = (scope: Scope, loaders: LazyLoaders<Factories>) => unknown;

const scopeOf = Symbol('lede.loaderScope');
/** One prototype per set of factories, with a getter per factory: a request's loaders then cost one object. */
const prototypes = new WeakMap<object, object>();

/**
 * A request's loaders, each made by its factory on first use and kept for the rest of the request,
 * so a request pays only for the loaders it touches. A factory gets the request's scope and the
 * loaders themselves, for a loader built on another one. Pass the same factories object every
 * time (a module-level constant): the getters are made once per factories object.
 */
export function lazyLoaders<Scope, Factories extends Record<keyof Factories, LoaderFactory<Scope, Factories>>>(
  scope: Scope,
  factories: Factories,
): LazyLoaders<Factories> {
  let prototype = prototypes.get(factories);
  if (!prototype) {
    prototype = gettersFor<Scope, Factories>(factories);
    prototypes.set(factories, prototype);
  }
  const loaders = Object.create(prototype) as { [scopeOf]: Scope };
  loaders[scopeOf] = scope;
  return loaders as unknown as LazyLoaders<Factories>;
}

function gettersFor<Scope, Factories extends Record<keyof Factories, LoaderFactory<Scope, Factories>>>(
  factories: Factories,
): object {
  const prototype = {};
  for (const name of Object.keys(factories) as (keyof Factories & string)[]) {
    Object.defineProperty(prototype, name, {
      enumerable: true,
      get(this: LazyLoaders<Factories> & { [scopeOf]: Scope }) {
        const loader = factories[name](this[scopeOf], this);
        // The request's own property from now on, in front of the prototype's getter.
        Object.defineProperty(this, name, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return prototype;
}

/** The loader `name` if this request has made it already; never makes one. */
export function madeLoader<Loaders, Name extends keyof Loaders>(
  loaders: Loaders,
  name: Name,
): Loaders[Name] | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(loaders, name);
  return descriptor && 'value' in descriptor ? (descriptor.value as Loaders[Name]) : undefined;
}
