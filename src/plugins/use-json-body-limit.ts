import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Room for the multipart framing and the `operations` and `map` fields around an uploaded file. */
export const MULTIPART_OVERHEAD_BYTES = 256 * 1024;

const tooLarge = () =>
  new GraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });

const isMultipart = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * Yoga's own body limit is raised to fit an image upload (a multipart request); this keeps every
 * other request body to LEDE_MAX_BODY_BYTES, with Yoga's answer (413, REQUEST_ENTITY_TOO_LARGE),
 * by the Content-Length header and, when that is missing or wrong, by counting the bytes read.
 */
export function useJsonBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (isMultipart(request)) return;
      const declared = Number(request.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limit) throw tooLarge();
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((original) => parse(limited(original, limit)));
    },
  };
}

function limited(request: Request, limit: number): Request {
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
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    // @ts-expect-error Node's fetch needs this for a streamed body; the DOM types do not know it.
    duplex: 'half',
  });
}
