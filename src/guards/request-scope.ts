import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** What Lede records about one HTTP request while it runs, for its log line and metrics. */
export type RequestScope = {
  id: string;
  startedAt: number;
  /** SQL statements Prisma sent on behalf of this request. */
  sqlStatements: number;
  /** Set once the request reaches GraphQL processing (not GraphiQL, /health, /metrics…). */
  graphql: boolean;
  operationName: string | null;
  operationType: string | null;
  /** The viewer's role (lower case, or `anonymous`), once the request reaches execution. */
  role: string | null;
  errors: number;
  timedOut: boolean;
  /** Aborted when nobody waits for the answer any more: the request timed out or its client left. */
  signal?: AbortSignal;
};

const storage = new AsyncLocalStorage<RequestScope>();
const scopes = new WeakMap<Request, RequestScope>();

/** The scope of the request whose work is running now (Prisma's query events arrive here). */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

export function requestScope(request: Request): RequestScope | undefined {
  return scopes.get(request);
}

/** Accepts a caller's request id only if it is short and plain, so it is safe in logs and headers. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when sane, else a new UUID), echoes it in
 * the `x-request-id` response header, and runs the request's work inside its scope.
 */
export function useRequestScope(): Plugin {
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const incoming = request.headers.get('x-request-id');
        const scope: RequestScope = {
          id: incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID(),
          startedAt: performance.now(),
          sqlStatements: 0,
          graphql: false,
          operationName: null,
          operationType: null,
          role: null,
          errors: 0,
          timedOut: false,
        };
        scopes.set(request, scope);
        return storage.run(scope, wrapped);
      },
    },
    onResponse({ request, response }) {
      const scope = scopes.get(request);
      if (scope) response.headers.set('x-request-id', scope.id);
    },
  };
}
