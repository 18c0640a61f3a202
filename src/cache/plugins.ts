import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';
import { useHttpCacheHeaders } from './http-cache.ts';
import type { ResponseCache } from './response-cache.ts';

/**
 * HTTP caching headers, then the response cache (when on). The headers' plugin takes
 * `If-None-Match` away from the response cache, which would read it as a cache key.
 */
export function cachePlugins(config: Config, parts: { responseCache?: ResponseCache }): Plugin[] {
  return [
    useHttpCacheHeaders({ maxAgeSeconds: Math.floor((config.responseCache?.ttlMs ?? 0) / 1000) }),
    ...(parts.responseCache ? [parts.responseCache.plugin] : []),
  ];
}
