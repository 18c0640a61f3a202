import { GraphQLError } from 'graphql';

/** Stable codes in `extensions.code`; the README's "Limits and security" table lists them. */
export type LimitCode =
  | 'QUERY_TOO_LARGE'
  | 'QUERY_TOO_MANY_TOKENS'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_MANY_ALIASES'
  | 'QUERY_TOO_MANY_DIRECTIVES'
  | 'QUERY_TOO_COSTLY'
  | 'VARIABLES_TOO_DEEP'
  | 'LIST_TOO_LONG';

/**
 * A request refused by a limit, before any database work: HTTP 400 (413 for sizes), like a
 * validation error, with the limit and the measured value in `extensions` for clients to show.
 */
export function limitError(code: LimitCode, message: string, limit: number, found?: number, status = 400) {
  return new GraphQLError(message, {
    // `spec`: like any validation error, a 400 becomes 200 for clients that accept only
    // application/json (GraphQL over HTTP); a 413 is about the request itself and stays.
    extensions: { code, limit, ...(found !== undefined && { found }), http: { spec: status === 400, status } },
  });
}
