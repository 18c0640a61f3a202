import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Idle proxies and load balancers close quiet connections; the protocol's routers send `{}` this often. */
export const MULTIPART_HEARTBEAT_MS = 5_000;

const BOUNDARY = 'graphql';
const CONTENT_TYPE = `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`;

type Result = { data?: unknown; errors?: readonly unknown[]; extensions?: Record<string, unknown> };

/**
 * Subscriptions over Apollo's multipart HTTP protocol (subscriptionSpec 1.0), the transport Apollo
 * Client's `HttpLink` (and Apollo iOS and Kotlin) use for subscriptions with no extra link: a
 * subscription sent with `Accept: multipart/mixed;subscriptionSpec="1.0", application/json` is
 * answered with one part per event, `{"payload": <result>}`, a `{}` heartbeat every few seconds,
 * and `{"payload": null, "errors": […]}` before the stream ends on a failure.
 *
 * Yoga answers subscriptions with server-sent events or nothing: its multipart processor, kept for
 * `@defer`/`@stream`, is not offered for subscriptions, so such a request got an empty 406.
 * Server-sent events stay as they are, and win when the client lists them first.
 */
export function useMultipartSubscriptions({ heartbeatMs = MULTIPART_HEARTBEAT_MS } = {}): Plugin {
  const subscriptions = new WeakSet<Request>();
  return {
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request) subscriptions.add(request);
    },
    onResultProcess({ request, result, setResultProcessor }) {
      if (!subscriptions.has(request) || !isAsyncIterable(result) || !prefersMultipart(request)) return;
      setResultProcessor(
        (stream, fetchAPI) => multipartResponse(stream as AsyncIterable<Result>, fetchAPI, heartbeatMs),
        'multipart/mixed',
      );
    },
  };
}

/** Whether the first streaming type the client accepts is `multipart/mixed` (not server-sent events). */
function prefersMultipart(request: Request): boolean {
  for (const entry of (request.headers.get('accept') ?? '').split(',')) {
    const type = (entry.split(';')[0] ?? '').trim().toLowerCase();
    if (type === 'multipart/mixed') return true;
    if (type === 'text/event-stream' || type === '*/*') return false;
  }
  return false;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

function multipartResponse(
  results: AsyncIterable<Result>,
  fetchAPI: { Response: typeof Response; ReadableStream: typeof ReadableStream; TextEncoder: typeof TextEncoder },
  heartbeatMs: number,
): Response {
  const encoder = new fetchAPI.TextEncoder();
  const iterator = results[Symbol.asyncIterator]();
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      // Each part is "\r\n--graphql" then headers, a blank line and JSON; the last boundary ends with "--".
      const part = (json: string) => {
        if (!closed)
          controller.enqueue(encoder.encode(`\r\ncontent-type: application/json\r\n\r\n${json}\r\n--${BOUNDARY}`));
      };
      controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}`));
      part('{}');
      heartbeat = setInterval(() => part('{}'), heartbeatMs);
      heartbeat.unref();
      const finish = () => {
        clearInterval(heartbeat);
        if (closed) return;
        closed = true;
        controller.enqueue(encoder.encode('--\r\n'));
        controller.close();
      };
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await iterator.next();
            if (done || closed) break;
            part(JSON.stringify({ payload: serializable(value) }));
          }
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Unexpected error.';
          part(JSON.stringify({ payload: null, errors: [{ message }] }));
        }
        finish();
      })();
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      return iterator.return?.().then(() => undefined);
    },
  });
  return new fetchAPI.Response(stream, { status: 200, headers: { 'content-type': CONTENT_TYPE } });
}

/** A result as JSON puts it, without the HTTP details Yoga keeps in `extensions.http`. */
function serializable(result: Result): Result {
  const { http: _http, ...extensions } = result.extensions ?? {};
  return {
    ...(result.errors && { errors: result.errors.map(withoutHttp) }),
    data: result.data,
    ...(Object.keys(extensions).length > 0 && { extensions }),
  };
}

function withoutHttp(error: unknown): unknown {
  const json = error instanceof GraphQLError ? error.toJSON() : error;
  if (!json || typeof json !== 'object' || !('extensions' in json) || !json.extensions) return json;
  const { http: _http, unexpected: _unexpected, ...extensions } = json.extensions as Record<string, unknown>;
  return { ...json, extensions };
}
