import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abandonedFetch } from './support/abandoned-fetch.ts';

// The clients of tests/client-abort.test.ts give up with abandonedFetch. Node 20's fetch loses an
// abort that lands after the whole body has arrived but before it has been read; a client that
// awaited `response.text()` then never settled, and the test timed out (once, in CI, under load).
// Here the abort lands exactly there, through a dispatcher around fetch's own: the response ends
// once the client is reading its body, and the client aborts just after undici has taken the last
// byte.

type Handler = Record<string | symbol, unknown>;
type Dispatcher = { dispatch: (options: unknown, handler: Handler) => boolean };

/** Where undici keeps the dispatcher Node's `fetch` uses, once it has made one. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

describe('abandonedFetch', () => {
  let server: Server;
  let url: string;
  /** Ends the held response; set once its first bytes are out. */
  let endHeld: (() => void) | undefined;

  beforeAll(async () => {
    server = createServer((request, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.headers['x-hold'] === undefined) return void response.end('{"data":{}}');
      response.write('{"data":');
      endHeld = () => response.end('{"held":true}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A dispatcher that calls fetch's own and runs `hooks` right after its handler's events. */
  function hookedDispatcher(hooks: { afterHeaders: () => void; afterBody: () => void }): Dispatcher {
    const undici = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as Dispatcher | undefined;
    expect(undici, "Node's fetch keeps its dispatcher under Symbol.for('undici.globalDispatcher.1')").toBeDefined();
    const after: Record<string, () => void> = { onHeaders: hooks.afterHeaders, onComplete: hooks.afterBody };
    return {
      dispatch: (options, handler) =>
        (undici as Dispatcher).dispatch(
          options,
          new Proxy(handler, {
            get(target, name) {
              const value = target[name];
              if (typeof value !== 'function') return value;
              const hook = typeof name === 'string' ? after[name] : undefined;
              return (...args: unknown[]) => {
                const result = value.apply(target, args);
                hook?.();
                return result;
              };
            },
          }),
        ),
    };
  }

  it('settles when the abort lands after the whole body arrived but before it was read', async () => {
    // Any request makes fetch create its dispatcher.
    await fetch(url).then((response) => response.text());
    const controller = new AbortController();
    const aborted = new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }));
    const dispatcher = hookedDispatcher({
      // The client has the response and starts reading its body before the rest is sent.
      afterHeaders: () => setImmediate(() => endHeld?.()),
      afterBody: () => controller.abort(),
    });
    let settled = false;
    void abandonedFetch(url, { headers: { 'x-hold': '1' }, signal: controller.signal, dispatcher } as RequestInit & {
      signal: AbortSignal;
    }).then(() => {
      settled = true;
    });
    await aborted;
    // The client gave up: by the next turn of the event loop it has stopped waiting.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled, 'the abandoned request settled at its abort').toBe(true);
  });

  it('settles when aborted before the response, and when the response came first', async () => {
    const early = new AbortController();
    early.abort();
    await expect(abandonedFetch(url, { signal: early.signal })).resolves.toBeUndefined();
    const late = new AbortController();
    await expect(abandonedFetch(url, { signal: late.signal })).resolves.toBeUndefined();
    late.abort();
  });
});
