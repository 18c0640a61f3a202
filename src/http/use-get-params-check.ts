import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './error-response.ts';

/**
 * Yoga parses GET's `variables` and `extensions` with a bare JSON.parse, so malformed JSON there
 * became a masked 500; answer it as the client's mistake instead (found by tests/hostile.test.ts).
 */
export function useGetParamsCheck(): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET') return;
      for (const name of ['variables', 'extensions']) {
        const value = url.searchParams.get(name);
        if (value === null) continue;
        try {
          JSON.parse(value);
        } catch {
          endResponse(errorResponse(400, 'BAD_REQUEST', `The "${name}" parameter is not valid JSON.`));
          return;
        }
      }
    },
  };
}
