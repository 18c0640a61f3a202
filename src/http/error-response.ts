/**
 * An error answered by a plugin before Yoga reads the request, shaped as GraphQL errors are
 * (`errors[0].extensions.code`), so clients switch on it the same way.
 */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
