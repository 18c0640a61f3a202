import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses GraphQL POST requests that a browser could send cross-site without a CORS preflight
 * (form and text/plain bodies) unless they carry an `x-graphql-yoga-csrf` header. JSON bodies are
 * always preflighted, so they pass, and so does GraphiQL.
 *
 * GET is left alone: Lede runs only queries over GET (never mutations), holds no cookie
 * credentials a forged request could borrow, and a cross-site page cannot read the answer unless
 * CORS allows its origin. This keeps plain GET links and HTTP caches working.
 */
export function useCsrfPrevention(): Plugin {
  const prevention = useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] });
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      return prevention.onRequestParse?.(payload);
    },
  };
}
