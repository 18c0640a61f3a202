import type { Plugin, YogaServerOptions } from 'graphql-yoga';

type CorsOption = YogaServerOptions<object, object>['cors'];

/**
 * Yoga's `cors` option for the configured origins: `*` lets any site call the API, a list only
 * those sites, an empty list none (browsers then allow only the same origin). Credentials are
 * never allowed: Lede authenticates with API keys in a header, not cookies.
 */
export function corsOption(origins: '*' | string[]): CorsOption {
  if (origins !== '*' && origins.length === 0) return false;
  const options = {
    credentials: false,
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  };
  if (origins === '*') return { ...options, origin: '*' };
  return (request) => {
    const origin = request.headers.get('origin');
    // An unlisted origin gets no CORS headers at all (never `null`, which sandboxed pages share).
    return origin && origins.includes(origin) ? { ...options, origin: [origin] } : false;
  };
}

/** Responses that depend on the Origin header say so, so shared caches keep them apart. */
export function useVaryOrigin(origins: '*' | string[]): Plugin {
  return {
    onResponse({ response }) {
      if (origins === '*' || origins.length === 0) return;
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('origin')) response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    },
  };
}
