import { createServer, IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** How long, and how much more of a refused body, is read and dropped before its connection is closed. */
export type Lingering = { ms: number; bytes: number };

export const DEFAULT_LINGERING: Lingering = { ms: 2_000, bytes: 4 * 1024 * 1024 };

/**
 * Lede's HTTP server: Node's, with a lingering close. A body refused while it is still arriving
 * (a chunked body over the limit) is answered while the client is still sending. Yoga's request
 * adapter then destroys the request, and Node closes the connection after the answer; a close
 * with unread bytes is a TCP reset, which can drop the answer before the client reads it. So the
 * rest of such a body is read and dropped, the answer goes out with a FIN, and the connection is
 * closed once the client stops, or after `lingering.ms` or `lingering.bytes`, whichever comes
 * first (as web servers' lingering close does). A request read in full is closed as Node does.
 *
 * Requests are of a subclass rather than patched one by one: giving every request an own
 * `destroy` changed their shape and slowed every page a little.
 */
export function createLedeServer(handler: RequestListener, lingering: Lingering = DEFAULT_LINGERING): Server {
  const requestOf = new WeakMap<Socket, LingeringRequest>();

  class LingeringRequest extends IncomingMessage {
    constructor(socket: Socket) {
      super(socket);
      requestOf.set(socket, this);
    }

    override destroy(error?: Error): this {
      if (this.complete || this.socket.destroyed) return super.destroy(error);
      dropTheRest(this, lingering, () => super.destroy(error));
      return this;
    }
  }

  const server = createServer({ IncomingMessage: LingeringRequest }, handler);
  server.on('connection', (socket: Socket) => {
    const closeAtOnce = socket.destroySoon.bind(socket);
    // Node's server calls destroySoon once the last answer on a connection has been written.
    socket.destroySoon = () => {
      const request = requestOf.get(socket);
      if (!request || request.complete || socket.destroyed) return closeAtOnce();
      dropTheRest(request, lingering, () => socket.destroy());
      request.once('end', () => socket.destroy());
      socket.end();
    };
  });
  return server;
}

const dropping = new WeakSet<IncomingMessage>();

/** Reads what is left of a body nobody reads any more, and stops (`stop`) past the bounds. */
function dropTheRest(request: IncomingMessage, lingering: Lingering, stop: () => void) {
  if (dropping.has(request)) return;
  dropping.add(request);
  let read = 0;
  const timer = setTimeout(stop, lingering.ms);
  const done = () => clearTimeout(timer);
  request.removeAllListeners('data');
  request.removeAllListeners('readable');
  request.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > lingering.bytes) {
      done();
      stop();
    }
  });
  request.once('end', done);
  request.socket.once('close', done);
  request.resume();
}
