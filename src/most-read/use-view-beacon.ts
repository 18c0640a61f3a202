import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { errorResponse } from '../http/error-response.ts';
import { decodeGlobalId } from '../schema/global-id.ts';
import type { MostRead } from './most-read.ts';

export const VIEW_BEACON_PATH = '/views';
/** Largest body the beacon reads, in bytes: an article ID and a little JSON around it. */
export const MAX_BEACON_BYTES = 512;

class BeaconError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body as text, refused once it passes MAX_BEACON_BYTES (whatever its Content-Length says). */
async function boundedText(request: Request): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > MAX_BEACON_BYTES)) {
    throw new BeaconError(413, 'REQUEST_ENTITY_TOO_LARGE', `The body must be at most ${MAX_BEACON_BYTES} bytes.`);
  }
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let read = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > MAX_BEACON_BYTES) {
      await reader.cancel();
      throw new BeaconError(413, 'REQUEST_ENTITY_TOO_LARGE', `The body must be at most ${MAX_BEACON_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The article ID a beacon names: JSON `{"articleId": "…"}` (any content type) or a form field `articleId`. */
function articleIdOf(request: Request, text: string): number {
  let value: unknown;
  if ((request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    value = new URLSearchParams(text).get('articleId');
  } else {
    try {
      value = (JSON.parse(text) as { articleId?: unknown } | null)?.articleId;
    } catch {
      throw new BeaconError(400, 'BAD_REQUEST', 'The body must be JSON such as {"articleId": "<Article ID>"}.');
    }
  }
  if (typeof value !== 'string') {
    throw new BeaconError(400, 'BAD_REQUEST', 'The body must name `articleId`, an Article ID as a string.');
  }
  try {
    return decodeGlobalId('articleId', value, ['Article']).id;
  } catch (error) {
    throw new BeaconError(400, 'BAD_USER_INPUT', error instanceof GraphQLError ? error.message : 'Bad articleId.');
  }
}

/**
 * `POST /views`: a read of an article, reported the way `navigator.sendBeacon` sends it. Answers
 * 204 when the read was taken (counted, or a repeat within the client's window), 404 for an
 * article that is not public, 400 or 413 for a body it cannot read. Rate limits apply as to every
 * request (the plugin comes after them).
 */
export function useViewBeacon(mostRead: MostRead): Plugin {
  return {
    async onRequest({ url, request, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== VIEW_BEACON_PATH) return;
      // Browsers send a preflight only for a JSON content type; Yoga's CORS handling answers it.
      if (request.method === 'OPTIONS') return;
      if (request.method !== 'POST') {
        endResponse(errorResponse(405, 'METHOD_NOT_ALLOWED', 'Report reads with POST.', { allow: 'POST' }));
        return;
      }
      try {
        const articleId = articleIdOf(request, await boundedText(request));
        const clientKey = mostRead.clientKey(request, serverContext as Parameters<MostRead['clientKey']>[1]);
        if ((await mostRead.record(articleId, clientKey)) === 'NOT_FOUND') {
          throw new BeaconError(404, 'NOT_FOUND', 'No public article has this ID.');
        }
        endResponse(new fetchAPI.Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }));
      } catch (error) {
        if (!(error instanceof BeaconError)) {
          // The database failed looking the article up: nothing was counted, and nothing leaks.
          endResponse(
            errorResponse(503, 'SERVICE_UNAVAILABLE', 'Reads cannot be counted now; retry later.', {
              'retry-after': '5',
              'cache-control': 'no-store',
            }),
          );
          return;
        }
        endResponse(
          errorResponse(error.status, error.code, error.message, {
            'cache-control': 'no-store',
            ...(error.status === 413 ? { connection: 'close' } : {}),
          }),
        );
      }
    },
  };
}
