import { type ExecutionResult, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { requestIdentity } from '../api-keys/request-identity.ts';
import type { Context } from '../context.ts';
import { requestScope } from '../guards/request-scope.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * Writes one line per GraphQL request when its response is ready: id, operation, duration, HTTP
 * status, SQL statements, the viewer's role (never the key) and the number of errors. Other routes
 * (GraphiQL, /health, /ready, /metrics) get a line at debug level only, so probes do not flood the log.
 */
export function useRequestLog(logger: Logger): Plugin {
  return {
    onRequestParse({ request }) {
      const scope = requestScope(request);
      if (scope) scope.graphql = true;
    },
    onParams({ request, params }) {
      const scope = requestScope(request);
      // Only a string: a hostile body may send any JSON here, and Yoga refuses it only later.
      if (scope)
        scope.operationName = typeof params.operationName === 'string' ? loggedName(params.operationName) : null;
    },
    onExecute({ args }) {
      const context = args.contextValue as Partial<Context> & { request: Request };
      const scope = requestScope(context.request);
      if (!scope) return;
      const operation = getOperationAST(args.document, args.operationName);
      scope.operationType = operation?.operation ?? null;
      scope.operationName = operation?.name ? loggedName(operation.name.value) : scope.operationName;
      scope.role = context.viewer ? context.viewer.role.toLowerCase() : 'anonymous';
    },
    onResultProcess({ request, result }) {
      const scope = requestScope(request);
      if (!scope || isAsyncIterable(result)) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        scope.errors += (single as ExecutionResult).errors?.length ?? 0;
      }
    },
    onResponse({ request, response }) {
      const scope = requestScope(request);
      if (!scope) return;
      const durationMs = Math.round((performance.now() - scope.startedAt) * 10) / 10;
      if (!scope.graphql) {
        const path = new URL(request.url, 'http://localhost').pathname;
        logger.debug('http request', {
          requestId: scope.id,
          method: request.method,
          path,
          status: response.status,
          durationMs,
        });
        return;
      }
      const level = response.status >= 500 ? 'error' : 'info';
      logger[level]('graphql request', {
        requestId: scope.id,
        method: request.method,
        operationName: scope.operationName,
        operationType: scope.operationType,
        status: response.status,
        durationMs,
        sqlStatements: scope.sqlStatements,
        // A request stopped before execution was never told who sent it: a key is `unverified`.
        role: scope.role ?? (requestIdentity(request).kind === 'anonymous' ? 'anonymous' : 'unverified'),
        errors: scope.errors,
        ...(scope.timedOut ? { timedOut: true } : {}),
      });
    },
  };
}

/** Longest operation name a log line (and the metrics after it) carries; a client's may be a megabyte. */
const MAX_LOGGED_NAME = 128;
const loggedName = (name: string) => (name.length > MAX_LOGGED_NAME ? `${name.slice(0, MAX_LOGGED_NAME)}…` : name);
