import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isMultipart } from './use-upload-gate.ts';

/** Room for the multipart framing and the `operations` and `map` fields around an uploaded file. */
export const MULTIPART_OVERHEAD_BYTES = 256 * 1024;

const tooLarge = () =>
  new GraphQLError('Request body too large', {
    // Closing the connection spares reading the rest of a body that will not be used.
    extensions: { http: { status: 413, headers: { connection: 'close' } }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });

const invalidLength = () =>
  new GraphQLError('Content-Length header is invalid.', {
    extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
  });

/**
 * Request body limits, in place of Yoga's `maxRequestBodySize` (which is off): `json` bytes for
 * every request but an image upload, `multipart` bytes for an upload. Answers Yoga's way (413,
 * REQUEST_ENTITY_TOO_LARGE; 400 for a malformed Content-Length).
 *
 * A body with a Content-Length within the limit is passed on as it is: Node's HTTP parser reads
 * exactly that many bytes, so it cannot be longer. Only a body without one (chunked) is counted
 * as it is read, through a stream and a copy of the request. Yoga's own limit wrapped every body
 * that way, and ours a second time; without them a `{ __typename }` over HTTP takes about half
 * the CPU it did (0.5–0.8 ms instead of 1.2–1.6, bench/RESULTS.md).
 */
export function useBodyLimits(limits: { json: number; multipart: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      const limit = isMultipart(request) ? limits.multipart : limits.json;
      const length = request.headers.get('content-length');
      if (length !== null) {
        // One non-negative integer; anything else (several joined values, as in request smuggling) is refused.
        if (!/^\d+$/.test(length)) throw invalidLength();
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (original) => {
        const body = counted(original, limit);
        try {
          return await parse(body.request);
        } catch (error) {
          // The multipart parser reports any stream error as its own 400; a body over the limit is a 413.
          if (body.exceeded()) throw tooLarge();
          throw error;
        }
      });
    },
  };
}

function counted(request: Request, limit: number): { request: Request; exceeded: () => boolean } {
  let read = 0;
  const body = (request.body as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return { request: copyWithBody(request, body), exceeded: () => read > limit };
}

function copyWithBody(request: Request, body: ReadableStream<Uint8Array>): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    // @ts-expect-error Node's fetch needs this for a streamed body; the DOM types do not know it.
    duplex: 'half',
  });
}
