import type { Plugin } from 'graphql-yoga';

/** Most surrogate keys one response names; CDNs cap the header's length (Fastly: 16 KB). */
const MAX_SURROGATE_KEYS = 200;

/**
 * HTTP caching headers for /graphql. An anonymous GET query that succeeded may be kept by browsers
 * and CDNs for the response cache's TTL (`Cache-Control: public, max-age`); everything else
 * (API-key requests, mutations, errors, POSTs) is `no-store`. Responses name the nodes they contain
 * in `Surrogate-Key` (Fastly) and `Cache-Tag` (Cloudflare, Akamai), so a CDN can purge precisely;
 * the response cache already sets `ETag` and answers `If-None-Match` with 304.
 */
export function useHttpCacheHeaders({ maxAgeSeconds }: { maxAgeSeconds: number }): Plugin {
  const nodeIdsByRequest = new WeakMap<Request, string[]>();
  const mayBeShared = (request: Request) =>
    maxAgeSeconds > 0 && request.method === 'GET' && !request.headers.has('authorization');
  return {
    onResultProcess({ request, result }) {
      // Walking the result costs time on every response; only shareable ones need the ids.
      if (!mayBeShared(request)) return;
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('data' in result)) return;
      if ('errors' in result && result.errors) return;
      nodeIdsByRequest.set(request, collectIds(result.data));
    },
    onResponse({ request, response }) {
      if (!new URL(request.url).pathname.startsWith('/graphql')) return;
      const type = response.headers.get('content-type') ?? '';
      // multipart/mixed: @defer and @stream results, which are never shared.
      const graphqlResult = response.status === 304 || type.includes('json') || type.startsWith('multipart/mixed');
      if (!graphqlResult) return;
      const ids = nodeIdsByRequest.get(request);
      const cacheable = mayBeShared(request) && (response.status === 304 || ids !== undefined);
      response.headers.set('cache-control', cacheable ? `public, max-age=${maxAgeSeconds}` : 'no-store');
      if (cacheable && ids && ids.length > 0) {
        const keys = ids.slice(0, MAX_SURROGATE_KEYS);
        response.headers.set('surrogate-key', keys.join(' '));
        response.headers.set('cache-tag', keys.join(','));
      }
    },
  };
}

/** Every node id (global ids of the form base64 "Type:id") found in a result's data. */
function collectIds(data: unknown): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value && typeof value === 'object') {
      for (const [key, field] of Object.entries(value)) {
        if (key === 'id' && typeof field === 'string') ids.add(field);
        else visit(field);
      }
    }
  };
  visit(data);
  return [...ids];
}
