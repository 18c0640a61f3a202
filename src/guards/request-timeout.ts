import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestScope } from './request-scope.ts';

/**
 * Answers a request that runs longer than `timeoutMs` with a GraphQL error (HTTP 503) instead of
 * leaving the client waiting, and aborts the request's signal so execution stops resolving fields
 * (with Yoga's useExecutionCancellation). A SQL statement still running ends at the database's
 * statement timeout.
 */
export function useRequestTimeout(timeoutMs: number): Plugin {
  return {
    onRequest({ request, requestHandler, setRequestHandler, fetchAPI }) {
      const deadline = new AbortController();
      // Execution listens to request.signal: abort it on the client going away or on the deadline.
      // (Node's AbortSignal.any leaks memory, so the client's signal is forwarded by hand.)
      const client = request.signal;
      client.addEventListener('abort', () => deadline.abort(client.reason), { once: true });
      Object.defineProperty(request, 'signal', { value: deadline.signal });
      const scope = requestScope(request);
      if (scope) scope.signal = deadline.signal;
      setRequestHandler(
        (incoming, context) =>
          new Promise<Response>((resolve, reject) => {
            const timer = setTimeout(() => {
              deadline.abort(new RequestTimedOut(timeoutMs));
              if (scope) {
                scope.timedOut = true;
                scope.errors += 1;
              }
              resolve(timeoutResponse(fetchAPI, request, timeoutMs));
            }, timeoutMs);
            Promise.resolve(requestHandler(incoming, context)).then(
              (response) => {
                clearTimeout(timer);
                resolve(response);
              },
              (error: unknown) => {
                clearTimeout(timer);
                reject(error);
              },
            );
          }),
      );
    },
  };
}

/** Why a request's signal was aborted at its deadline: expected, so logged without a stack. */
export class RequestTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimedOut';
  }
}

const requestTimeoutMessage = (timeoutMs: number) =>
  `The request took longer than ${timeoutMs} ms and was stopped. Ask for less, or try again later.`;

/** The error a resolver stopped at the request's deadline stands for (its client already has the 503). */
export function requestTimeoutError(timedOut: RequestTimedOut, located: unknown): GraphQLError {
  const at = located instanceof GraphQLError ? located : undefined;
  return new GraphQLError(requestTimeoutMessage(timedOut.timeoutMs), {
    nodes: at?.nodes,
    path: at?.path,
    extensions: { code: 'REQUEST_TIMEOUT', http: { status: 503 } },
  });
}

/**
 * A SQL statement stopped by the database's statement timeout (LEDE_STATEMENT_TIMEOUT_MS) answers
 * like a request that ran too long: the same code and status, at the field that needed it.
 */
export function statementTimeoutError(statementTimeoutMs: number, located: unknown): GraphQLError {
  const at = located instanceof GraphQLError ? located : undefined;
  return new GraphQLError(
    `A database statement took longer than ${statementTimeoutMs} ms and was stopped. Ask for less, or try again later.`,
    { nodes: at?.nodes, path: at?.path, extensions: { code: 'REQUEST_TIMEOUT', http: { status: 503 } } },
  );
}

function timeoutResponse(fetchAPI: { Response: typeof Response }, request: Request, timeoutMs: number): Response {
  const graphqlResponse = request.headers.get('accept')?.includes('application/graphql-response+json');
  const body = {
    errors: [
      {
        message: requestTimeoutMessage(timeoutMs),
        extensions: { code: 'REQUEST_TIMEOUT' },
      },
    ],
  };
  return new fetchAPI.Response(JSON.stringify(body), {
    status: 503,
    headers: {
      'content-type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`,
      // The request may still be sending its body (a slow client): close the connection with the answer.
      connection: 'close',
    },
  });
}
