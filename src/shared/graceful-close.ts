import type { Server } from 'node:http';
import net from 'node:net';

/**
 * Stops the server and resolves once every connection has closed, answering every request a
 * client has sent. Closing the listening socket at once would reset the connections the kernel has
 * accepted but Node has not taken yet (a busy event loop leaves many), and Node's `server.close()`
 * also closes connections whose request is not read yet. So for `graceMs` the server still takes
 * connections, and from the signal on every answer says `Connection: close`; then it stops
 * listening and closes connections as they become idle.
 */
export function closeGracefully(server: Server, graceMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    server.prependListener('request', (_request, response) => {
      if (!response.headersSent) response.setHeader('connection', 'close');
    });
    setTimeout(() => {
      // net.Server's close, not http.Server's, which would close the idle connections at once.
      net.Server.prototype.close.call(server, () => resolve());
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }, graceMs).unref();
  });
}
