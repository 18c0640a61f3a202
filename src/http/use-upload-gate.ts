import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { hasRole, type Viewer } from '../api-keys/keys.ts';
import { requestIdentity } from '../api-keys/request-identity.ts';
import { errorResponse } from './error-response.ts';

export const isMultipart = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

type Refusal = { status: number; code: string; message: string; headers?: Record<string, string> };

// The body is left unread: closing the connection spares reading (and discarding) the rest of it.
const refusal = ({ status, code, message, headers = {} }: Refusal) =>
  errorResponse(status, code, message, { connection: 'close', ...headers });

/**
 * Decides on a multipart request (an upload) from its headers, before a byte of its body is read:
 * without a key it is refused (401), with a key below editor (403), and with an editor's key it
 * waits for nothing: beyond `maxConcurrent` uploads being read at once it is refused (503,
 * UPLOADS_BUSY, Retry-After), so upload bodies held in memory stay bounded.
 */
export function useUploadGate(options: { maxConcurrent: number }): Plugin {
  let reading = 0;
  const holding = new WeakSet<Request>();
  const release = (request: Request) => {
    if (holding.delete(request)) reading -= 1;
  };
  return {
    async onRequest({ request, endResponse }) {
      if (request.method !== 'POST' || !isMultipart(request)) return;
      // Without it the CSRF check (csrf-prevention.ts) refuses the request, from its headers too.
      if (!request.headers.has('x-graphql-yoga-csrf')) return;
      const identity = requestIdentity(request);
      if (identity.kind === 'anonymous') {
        endResponse(
          refusal({
            status: 401,
            code: 'UNAUTHENTICATED',
            message: "Uploads need an editor's API key: send Authorization: Bearer <API key>.",
            headers: { 'www-authenticate': 'Bearer' },
          }),
        );
        return;
      }
      let viewer: Viewer | null;
      try {
        viewer = await identity.viewer();
      } catch (error) {
        // The database failed: the context meets the same error and reports it the usual way.
        if (!(error instanceof GraphQLError)) return;
        endResponse(refusal({ status: 401, code: 'UNAUTHENTICATED', message: error.message }));
        return;
      }
      if (!hasRole(viewer, 'EDITOR')) {
        endResponse(refusal({ status: 403, code: 'FORBIDDEN', message: 'Only editors and admins may upload.' }));
        return;
      }
      if (reading >= options.maxConcurrent) {
        endResponse(
          refusal({
            status: 503,
            code: 'UPLOADS_BUSY',
            message: `${options.maxConcurrent} uploads are being received already (LEDE_MEDIA_MAX_CONCURRENT_UPLOADS); retry shortly.`,
            headers: { 'retry-after': '1' },
          }),
        );
        return;
      }
      reading += 1;
      holding.add(request);
      request.signal.addEventListener('abort', () => release(request), { once: true });
    },
    onResponse({ request }) {
      release(request);
    },
  };
}
