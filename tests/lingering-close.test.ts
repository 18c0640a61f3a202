// A body refused while it is still arriving (a chunked body over the limit) must reach its client
// as a 413 it can read, not a connection reset: src/http/node-server.ts reads and drops the rest
// of the body for a bounded time before it closes.
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedeServer, type Lingering } from '../src/http/node-server.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const CHUNK = Buffer.alloc(64 * 1024, 'a');

type Outcome = { status: number; text: string; reset: boolean; closedAfterMs: number | null };

/**
 * Sends a chunked POST of `bytes` as fast as the connection takes it (no pause near the limit),
 * and reports the answer read before the connection closed, and whether it ended in a reset.
 */
function sendChunked(port: number, bytes: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let reset = false;
    let answeredAt: number | null = null;
    socket.on('data', (part: Buffer) => {
      received = Buffer.concat([received, part]);
      answeredAt ??= Date.now();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') reset = true;
    });
    socket.on('close', () => {
      const text = received.toString();
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        text,
        reset,
        closedAfterMs: answeredAt === null ? null : Date.now() - answeredAt,
      });
    });
    const pump = async () => {
      socket.write(
        'POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
          'transfer-encoding: chunked\r\n\r\n',
      );
      for (let sent = 0; sent < bytes && !socket.destroyed && socket.writable; sent += CHUNK.length) {
        const framed = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]);
        if (!socket.write(framed)) {
          await new Promise<void>((next) => {
            socket.once('drain', next);
            socket.once('close', next);
          });
        }
      }
      if (socket.writable) socket.end('0\r\n\r\n');
    };
    pump().catch(() => undefined);
  });
}

describe('closing a connection whose body is still arriving', () => {
  let lede: TestGateway;
  const servers: Server[] = [];
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await lede?.close();
  });

  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  };

  it('answers a chunked body over the limit with a 413 the client reads, every time', async () => {
    const port = await listen(createLedeServer(lede.yoga));
    // Several tries: without a lingering close some end in a reset that drops the answer.
    for (let attempt = 0; attempt < 6; attempt++) {
      const outcome = await sendChunked(port, 8 * 1024 * 1024);
      // A plain Node server (createServer) ends every one of these in a reset.
      expect(outcome.reset, `attempt ${attempt}: reset`).toBe(false);
      expect(outcome.status, `attempt ${attempt}: ${outcome.text.slice(0, 200)}`).toBe(413);
      expect(outcome.text).toContain('REQUEST_ENTITY_TOO_LARGE');
    }
  });

  it('closes the connection within its bounds when the client never stops sending', async () => {
    const lingering: Lingering = { ms: 300, bytes: 1024 * 1024 };
    const port = await listen(createLedeServer(lede.yoga, lingering));
    // A body without end: only the bounds can close this connection.
    const outcome = await sendChunked(port, Number.POSITIVE_INFINITY);
    expect(outcome.status).toBe(413);
    expect(outcome.closedAfterMs).not.toBeNull();
    expect(outcome.closedAfterMs as number).toBeLessThan(lingering.ms + 5_000);
  });

  it("keeps Node's own close for a request read in full", async () => {
    const port = await listen(createLedeServer(lede.yoga));
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});
