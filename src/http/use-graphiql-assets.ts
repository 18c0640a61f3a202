import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { matchesWeakly } from '../cache/http-cache.ts';
import { preferredEncoding } from './use-compression.ts';

const ASSETS_PATH = '/graphiql/assets/';
/** Assets never change at their URL (a new version has a new name), so browsers keep them a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Asset = { name: string; type: string; body: Buffer; hash: string; compressible: boolean };
type Encoding = 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * GraphiQL as a small page and three files: its script (with Monaco's workers), its styles and its
 * icon, each named by a hash of its content. Yoga's own page inlines all of them (9 MB, 2 MB
 * compressed) with no caching headers, so every visit downloaded it again; now a browser fetches
 * the files once and revalidates only the page (`no-cache` with an ETag, so usually a 304).
 */
class GraphiQLAssets {
  readonly script: Asset;
  readonly styles: Asset;
  readonly icon: Asset;
  private readonly byName: Map<string, Asset>;
  private readonly encoded = new Map<string, Promise<Buffer>>();

  constructor({
    css,
    editorWorkerService,
    favicon,
    graphqlWorker,
    js,
    jsonWorker,
  }: typeof import('@graphql-yoga/render-graphiql/graphiql')) {
    // The same worker set-up as Yoga's inline script: Monaco's workers start from blobs.
    const script = `(function () {
  function prepareBlob(workerContent) {
    return URL.createObjectURL(new Blob([workerContent], { type: 'application/javascript' }));
  }
  var workers = {
    editorWorkerService: prepareBlob(${JSON.stringify(editorWorkerService)}),
    json: prepareBlob(${JSON.stringify(jsonWorker)}),
    graphql: prepareBlob(${JSON.stringify(graphqlWorker)}),
  };
  self['MonacoEnvironment'] = { globalAPI: false, getWorkerUrl: function (moduleId, label) { return workers[label]; } };
})();
${js};
`;
    const [iconType = 'image/x-icon', iconData = ''] = /^data:([^;,]+);base64,(.*)$/s.exec(favicon)?.slice(1) ?? [];
    this.script = asset('graphiql', 'js', 'text/javascript; charset=utf-8', Buffer.from(script), true);
    this.styles = asset('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(css), true);
    this.icon = asset('favicon', 'ico', iconType, Buffer.from(iconData, 'base64'), false);
    this.byName = new Map([this.script, this.styles, this.icon].map((item) => [item.name, item]));
  }

  get(name: string): Asset | undefined {
    return this.byName.get(name);
  }

  /** The asset compressed once per encoding, off the event loop, then kept. */
  encode(asset: Asset, encoding: Encoding): Promise<Buffer> {
    const key = `${asset.name}:${encoding}`;
    let body = this.encoded.get(key);
    if (!body) {
      body =
        encoding === 'br'
          ? brotli(asset.body, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length,
              },
            })
          : gzip(asset.body, { level: 9 });
      this.encoded.set(key, body);
    }
    return body;
  }
}

function asset(base: string, extension: string, type: string, body: Buffer, compressible: boolean): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { name: `${base}-${hash}.${extension}`, type, body, hash, compressible };
}

let shared: Promise<GraphiQLAssets> | undefined;
/**
 * Loaded and built on first use. GraphiQL's module is about 9 MB of source that V8 keeps for as
 * long as the process runs, so a gateway without GraphiQL (production) must never import it.
 */
function graphiqlAssets(): Promise<GraphiQLAssets> {
  shared ??= import('@graphql-yoga/render-graphiql/graphiql').then((module) => new GraphiQLAssets(module));
  return shared;
}

/** Yoga's `renderGraphiQL`: the page loads the hashed files instead of inlining them. */
export async function renderGraphiQLPage(options?: { title?: string }): Promise<string> {
  const assets = await graphiqlAssets();
  // `<` escaped so that no string in the options can close the script element.
  const config = JSON.stringify(options ?? {}).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options?.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${ASSETS_PATH}${assets.icon.name}" />
    <link rel="stylesheet" href="${ASSETS_PATH}${assets.styles.name}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script src="${ASSETS_PATH}${assets.script.name}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(window.document.querySelector('#root'), ${config});
    </script>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Serves GraphiQL's files under /graphiql/assets/ (immutable, ETag, compressed once per encoding)
 * and gives its page an ETag and `Cache-Control: no-cache`, answering a matching If-None-Match
 * with 304. Only when GraphiQL is on.
 */
export function useGraphiQLAssets({ graphqlEndpoint }: { graphqlEndpoint: string }): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSETS_PATH) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const assets = await graphiqlAssets();
      const found = assets.get(url.pathname.slice(ASSETS_PATH.length));
      if (!found) return;
      const encoding = found.compressible ? preferredEncoding(request.headers.get('accept-encoding')) : undefined;
      const headers = new fetchAPI.Headers({
        'content-type': found.type,
        'cache-control': IMMUTABLE,
        etag: `"${found.hash}${encoding ? `-${encoding}` : ''}"`,
        ...(found.compressible && { vary: 'Accept-Encoding' }),
      });
      const ifNoneMatch = request.headers.get('if-none-match');
      if (ifNoneMatch && matchesWeakly(ifNoneMatch, headers.get('etag') as string)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      if (request.method === 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 200, headers }));
        return;
      }
      if (!encoding) {
        endResponse(new fetchAPI.Response(new Uint8Array(found.body), { status: 200, headers }));
        return;
      }
      const body = await assets.encode(found, encoding);
      headers.set('content-encoding', encoding);
      endResponse(new fetchAPI.Response(new Uint8Array(body), { status: 200, headers }));
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const path = new URL(request.url).pathname;
      if (path !== graphqlEndpoint && path !== `${graphqlEndpoint}/`) return;
      if (response.status !== 200 || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return;
      const html = await response.text();
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('etag', `"${createHash('sha256').update(html).digest('base64url')}"`);
      headers.set('cache-control', 'no-cache');
      const ifNoneMatch = request.headers.get('if-none-match');
      if (ifNoneMatch && matchesWeakly(ifNoneMatch, headers.get('etag') as string)) {
        headers.delete('content-type');
        headers.delete('content-length');
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      setResponse(new fetchAPI.Response(html, { status: 200, headers }));
    },
  };
}
