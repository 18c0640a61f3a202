import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeGracefully } from '../src/shared/graceful-close.ts';

// Issue 21, item 7: SIGTERM under load reset requests on connections accepted but not yet read.

/** Keeps the event loop busy, as a loaded gateway's is, so the kernel holds new connections for Node. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('closing the server on a stop signal', () => {
  it('answers requests on connections the kernel accepted but Node had not taken yet', async () => {
    const server = createServer((_request, response) => {
      setTimeout(() => response.end('answered'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const clients = 22;
      const sockets = Array.from({ length: clients }, () => connect(port, '127.0.0.1'));
      const answers = sockets.map(
        (socket) =>
          new Promise<string>((resolve) => {
            let received = '';
            socket.on('data', (chunk) => {
              received += chunk.toString('latin1');
            });
            socket.on('error', (error) => {
              received += `[${(error as NodeJS.ErrnoException).code}]`;
            });
            socket.once('close', () => resolve(received));
          }),
      );
      for (const socket of sockets) socket.write('GET / HTTP/1.1\r\nHost: lede.test\r\n\r\n');
      // The sockets connect on the next tick; then, with the event loop busy, the kernel completes
      // the handshakes and queues the connections, and the stop comes before Node takes any.
      await new Promise((resolve) => process.nextTick(resolve));
      busy(100);
      const closed = closeGracefully(server, 200);

      const received = await Promise.all(answers);
      expect(received.map((text) => /^HTTP\/1\.1 200[\s\S]*answered$/.test(text) || text)).toStrictEqual(
        Array.from({ length: clients }, () => true),
      );
      for (const text of received) expect(text).toMatch(/connection: close/i);
      await closed;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
