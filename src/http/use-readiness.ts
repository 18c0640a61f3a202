import { type Plugin, useReadinessCheck } from 'graphql-yoga';

/** Longest a readiness check may take before /ready answers 503. */
export const READY_CHECK_TIMEOUT_MS = 5_000;

/**
 * `/ready`: Yoga's readiness check (200 while `check` is true, else 503), handed only the requests
 * that may be for it. Yoga's plugin tests every other request's URL against a URLPattern, a
 * polyfill on Node that costs each GraphQL request more than the rest of the plugin; the pattern
 * matches the endpoint's exact path alone, which the two tests here cover.
 */
export function useReadiness({ endpoint, check }: { endpoint: string; check: () => Promise<boolean> }): Plugin {
  // Probes that arrive while a check runs share its answer: /ready is not rate limited (load
  // balancers poll it), so a flood of it must not take more than one database connection.
  // A check that hangs (a half-open connection after a failover) answers "not ready" after
  // READY_CHECK_TIMEOUT_MS, so the probes after it run a check of their own.
  let running: Promise<boolean> | undefined;
  const sharedCheck = () => {
    if (running) return running;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_CHECK_TIMEOUT_MS);
      timer.unref();
    });
    running = Promise.race([check(), timedOut]).finally(() => {
      clearTimeout(timer);
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
