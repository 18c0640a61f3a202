import type { Plugin } from 'graphql-yoga';
import { hasRole } from '../api-keys/keys.ts';
import { requestIdentity } from '../api-keys/request-identity.ts';
import { originalKey } from '../media/ingest.ts';
import type { Media } from '../media/media.ts';
import { CONTENT_TYPES, etagOf, parseRenditionName, renditionName } from '../media/renditions.ts';

const PATH = /^\/media\/([a-f0-9]{64})\/([^/]+)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves `/media/<hash>/<rendition>` (see media/renditions.ts) and `/media/<hash>/original`:
 * renditions are made on first request and kept; every answer may be cached for a year, because a
 * URL's bytes never change (new content has a new hash, a new focal point a new name). An image no
 * public page shows yet is 404 without a reader's key, and not cached with one.
 */
export function useMediaServing(media: Media): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/media/')) return;
      const text = (status: number, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(`${message}\n`, {
            status,
            headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
          }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return text(405, 'Only GET and HEAD.', { allow: 'GET, HEAD' });
      const match = PATH.exec(url.pathname);
      if (!match) return text(404, 'No such image.');
      const [, contentHash, name] = match as unknown as [string, string, string];
      // A key that is not valid is no key: its holder sees what anonymous clients see.
      const preview = hasRole(
        await requestIdentity(request)
          .viewer()
          .catch(() => null),
        'READER',
      );
      // An error thrown from here would reach the client with its stack (the server adapter's way).
      const isPublic = await media.isPublic(contentHash, new Date()).catch(() => undefined);
      if (isPublic === undefined) return text(503, 'Images cannot be served now; retry later.', { 'retry-after': '5' });
      if (!isPublic && !preview) return text(404, 'No such image.');
      // What only keys may see is not for shared caches, nor for long: it may never be published.
      const cacheControl = isPublic ? IMMUTABLE : 'private, no-store';

      const send = (bytes: Buffer, contentType: string, etag: string) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), {
            status: 200,
            headers: {
              'content-type': contentType,
              'content-length': String(bytes.length),
              'cache-control': cacheControl,
              etag,
              'x-content-type-options': 'nosniff',
            },
          }),
        );
      const notModified = (etag: string) =>
        endResponse(new fetchAPI.Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl } }));
      const matches = (etag: string) =>
        (request.headers.get('if-none-match') ?? '')
          .split(',')
          .map((tag) => tag.trim().replace(/^W\//, ''))
          .some((tag) => tag === etag || tag === '*');

      if (name === 'original') {
        const etag = etagOf(contentHash, 'original');
        if (matches(etag) && (await media.storage.exists(originalKey(contentHash)))) return notModified(etag);
        const bytes = await media.storage.get(originalKey(contentHash));
        if (!bytes) return text(404, 'No such image.');
        return send(bytes, sniffType(bytes), etag);
      }
      const rendition = parseRenditionName(name, media.config.widths);
      if (typeof rendition === 'string') return text(400, `Bad image URL: ${rendition}.`);
      const etag = etagOf(contentHash, renditionName(rendition));
      if (matches(etag) && (await media.storage.exists(`${contentHash}/${renditionName(rendition)}`))) {
        return notModified(etag);
      }
      const bytes = await media.renditions.get(contentHash, rendition);
      if (!bytes) return text(404, 'No such image.');
      return send(bytes, CONTENT_TYPES[rendition.format], etag);
    },
  };
}

/** The stored original's type, from its first bytes (Lede stored it, so it is one of four). */
function sniffType(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'image/avif';
}
