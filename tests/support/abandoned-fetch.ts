/**
 * Sends a request with `fetch` and reads the answer, as a client that gives up when `init.signal`
 * aborts: the promise settles at the abort at the latest, whatever state the response is in, and
 * never rejects (an abandoned request has no outcome to report).
 *
 * Awaiting `response.text()` alone is not enough: Node 20's fetch (undici 6) stops listening for
 * the abort once the whole body has arrived from the socket, so an abort that lands after that but
 * before the body has been read (a compressed body is still being inflated, say) leaves the body
 * neither read nor failed, and `text()` pending for good (nodejs/node#56917, nodejs/undici#4232).
 * tests/abandoned-fetch.test.ts aborts at exactly that point.
 */
export async function abandonedFetch(url: string, init: RequestInit & { signal: AbortSignal }): Promise<void> {
  const { signal } = init;
  const givenUp = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  // Promise.race handles a later rejection of the read too, so nothing is left unhandled.
  await Promise.race([fetch(url, init).then((response) => response.text()), givenUp]).catch(() => undefined);
}
