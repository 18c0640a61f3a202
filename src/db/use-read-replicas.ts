import { getOperationAST, type OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestIdentity } from '../api-keys/request-identity.ts';

export type ReadRouting = {
  plugin: Plugin;
  /**
   * True when the request may read from a replica: an anonymous query. Mutations (whose own
   * reads must see their writes), subscriptions (whose events must find what was just committed)
   * and requests with an API key (editors see their writes at once) use the primary.
   */
  mayReadFromReplica: (request: Request) => boolean;
};

/**
 * Notes each request's operation type once its document is parsed, which is before Yoga builds
 * the context: the context then gets the primary or a replica for the whole request.
 */
export function useReadRouting(): ReadRouting {
  const operations = new WeakMap<Request, OperationTypeNode>();
  return {
    plugin: {
      onParse({ context }) {
        const { request, params } = context as { request?: Request; params?: { operationName?: string | null } };
        return ({ result }) => {
          if (!request || !result || result instanceof Error || !('kind' in result)) return;
          const operation = getOperationAST(result, params?.operationName ?? undefined);
          if (operation) operations.set(request, operation.operation);
        };
      },
    },
    mayReadFromReplica: (request) =>
      requestIdentity(request).kind === 'anonymous' && operations.get(request) === 'query',
  };
}
