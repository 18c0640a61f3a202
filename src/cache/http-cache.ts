import type { Plugin } from 'graphql-yoga';
import { requestIdentity } from '../api-keys/request-identity.ts';

/** Headers a 304 repeats from the response it stands for (RFC 9110 §15.4.5), besides the caching ones. */
const NOT_MODIFIED_HEADERS = ['etag', 'cache-control', 'last-modified', 'surrogate-key', 'cache-tag', 'vary'];

/**
 * HTTP caching headers for /graphql. An anonymous GET query whose response the response cache
 * holds may be kept by browsers and CDNs for the cache's TTL (`Cache-Control: public, max-age`);
 * everything else (API-key requests, mutations, errors, POSTs, responses too large to cache) is
 * `no-store`. The response cache stamps what it stores with a quoted strong `ETag` and the node ids
 * for purging (`Surrogate-Key`, `Cache-Tag`; see response-cache.ts). A GET whose `If-None-Match`
 * names the response's ETag, weakly compared as RFC 9110 says for GET, gets 304.
 */
export function useHttpCacheHeaders({ maxAgeSeconds }: { maxAgeSeconds: number }): Plugin {
  const validatorsByRequest = new WeakMap<Request, string>();
  const mayBeShared = (request: Request) =>
    maxAgeSeconds > 0 && request.method === 'GET' && requestIdentity(request).kind === 'anonymous';
  return {
    onRequest({ request }) {
      const validators = request.headers.get('if-none-match');
      if (!validators || request.method !== 'GET') return;
      validatorsByRequest.set(request, validators);
      // The response cache plugin would look the header up as a cache key; this plugin answers it.
      try {
        request.headers.delete('if-none-match');
      } catch {
        // Immutable headers: the lookup then finds nothing, which is harmless.
      }
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (!new URL(request.url).pathname.startsWith('/graphql')) return;
      const type = response.headers.get('content-type') ?? '';
      // multipart/mixed: @defer and @stream results and subscriptions, which are never shared.
      const graphqlResult = response.status === 304 || type.includes('json') || type.startsWith('multipart/mixed');
      if (!graphqlResult) return;
      const etag = response.headers.get('etag');
      const cacheable = mayBeShared(request) && (response.status === 304 || (response.status === 200 && !!etag));
      response.headers.set('cache-control', cacheable ? `public, max-age=${maxAgeSeconds}` : 'no-store');
      if (!cacheable) {
        response.headers.delete('surrogate-key');
        response.headers.delete('cache-tag');
        return;
      }
      const validators = validatorsByRequest.get(request);
      if (response.status === 200 && etag && validators && matchesWeakly(validators, etag)) {
        void response.body?.cancel();
        const headers = new fetchAPI.Headers();
        for (const name of NOT_MODIFIED_HEADERS) {
          const value = response.headers.get(name);
          if (value !== null) headers.set(name, value);
        }
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
      }
    },
  };
}

/**
 * Whether an `If-None-Match` list names `etag`: `*`, or an entity tag equal to it once a `W/`
 * prefix is set aside (the weak comparison, RFC 9110 §8.8.3.2).
 */
export function matchesWeakly(ifNoneMatch: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}
