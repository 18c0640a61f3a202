import { type Plugin, useReadinessCheck } from 'graphql-yoga';

/**
 * `/ready`: Yoga's readiness check (200 while `check` is true, else 503), handed only the requests
 * that may be for it. Yoga's plugin tests every other request's URL against a URLPattern, a
 * polyfill on Node that costs each GraphQL request more than the rest of the plugin; the pattern
 * matches the endpoint's exact path alone, which the two tests here cover.
 */
export function useReadiness({ endpoint, check }: { endpoint: string; check: () => Promise<boolean> }): Plugin {
  // Probes that arrive while a check runs share its answer: /ready is not rate limited (load
  // balancers poll it), so a flood of it must not take more than one database connection.
  let running: Promise<boolean> | undefined;
  const sharedCheck = () => {
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };
  const readiness = useReadinessCheck({ endpoint, check: sharedCheck });
  return {
    ...readiness,
    onRequest(payload) {
      if (payload.url.pathname !== endpoint && !payload.request.url.endsWith(endpoint)) return;
      return readiness.onRequest?.(payload);
    },
  };
}
