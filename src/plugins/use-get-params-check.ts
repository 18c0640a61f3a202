import type { Plugin } from 'graphql-yoga';

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
          const body = {
            errors: [{ message: `The "${name}" parameter is not valid JSON.`, extensions: { code: 'BAD_REQUEST' } }],
          };
          endResponse(
            new Response(JSON.stringify(body), {
              status: 400,
              headers: { 'content-type': 'application/json; charset=utf-8' },
            }),
          );
          return;
        }
      }
    },
  };
}
