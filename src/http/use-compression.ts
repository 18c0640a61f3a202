import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/** Bodies smaller than this, in bytes, are sent as they are: compressing them saves next to nothing. */
export const MIN_COMPRESSED_BYTES = 1024;

/** Text formats worth compressing: GraphQL results, GraphiQL's page and scripts, JSON from /media. */
const COMPRESSIBLE =
  /^(application\/(json|graphql-response\+json|javascript|manifest\+json)|text\/(html|css|javascript|plain)|multipart\/mixed|image\/svg\+xml)\b/i;

type Encoding = 'br' | 'gzip';

/**
 * Compresses responses with brotli or gzip, whichever the client prefers in `Accept-Encoding`
 * (brotli when both are equally welcome), and adds `Vary: Accept-Encoding` so that shared caches
 * keep one copy per encoding. Small bodies, images (already compressed), 304s and server-sent
 * events are left alone: Yoga marks event streams `Content-Encoding: none`, so they are never held
 * back in a compressor's buffer. `@defer` and `@stream` parts (multipart/mixed) are compressed
 * and flushed one by one, so each arrives as soon as it is ready.
 *
 * @whatwg-node/server's useContentEncoding is not used: it reads `Accept-Encoding` without its
 * spaces and q-values (a browser's `gzip, deflate, br` never gets brotli, `gzip;q=0` gets gzip),
 * compresses images and tiny bodies, adds no `Vary`, holds multipart parts back until the end,
 * and also inflates compressed request bodies, which the body-size limits do not expect.
 */
export function useCompression(): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      const type = response.headers.get('content-type') ?? '';
      if (!COMPRESSIBLE.test(type) && response.status !== 304) return;
      if (!/\baccept-encoding\b/i.test(response.headers.get('vary') ?? '')) {
        response.headers.append('vary', 'Accept-Encoding');
      }
      if (request.method === 'HEAD' || response.status === 304 || response.status === 206) return;
      if (response.headers.has('content-encoding')) return;
      const length = response.headers.get('content-length');
      if (length !== null && Number(length) < MIN_COMPRESSED_BYTES) return;
      const encoding = preferredEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      // Asked last: reading `body` turns a body held as text into a stream, which the server
      // adapter would otherwise write out as it is.
      if (!response.body) return;

      // Parts of an incremental result are flushed as they come; a whole body is compressed best.
      const streaming = type.toLowerCase().startsWith('multipart/mixed');
      const compressor = createCompressor(encoding, streaming, length === null ? undefined : Number(length));
      const source = Readable.from(response.body as unknown as AsyncIterable<Uint8Array>);
      pipeline(source, compressor).catch(() => {
        // The client went away or the result stream failed: the response ends where it stopped.
      });
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
      setResponse(
        new fetchAPI.Response(compressor as unknown as BodyInit, {
          status: response.status,
          statusText: response.statusText,
          headers,
        }),
      );
    },
  };
}

function createCompressor(encoding: Encoding, streaming: boolean, sizeHint: number | undefined) {
  if (encoding === 'br') {
    return zlib.createBrotliCompress({
      ...(streaming && { flush: zlib.constants.BROTLI_OPERATION_FLUSH }),
      params: {
        // Quality 11 (the default) is for files compressed once; 4 compresses a response about as
        // well as gzip's best, many times faster.
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        ...(sizeHint !== undefined && { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint }),
      },
    });
  }
  return zlib.createGzip(streaming ? { flush: zlib.constants.Z_SYNC_FLUSH } : {});
}

/**
 * The encoding to use for an `Accept-Encoding` header (RFC 9110 §12.5.3): brotli or gzip, the one
 * with the higher q-value, brotli on a tie; `*` stands for any encoding not named. Undefined when
 * the client names neither, or refuses both with `q=0`.
 */
export function preferredEncoding(header: string | null): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (!name) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce((a, b) => (weightOf(b) > weightOf(a) ? b : a));
  return weightOf(best) > 0 ? best : undefined;
}
