import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { startServerProcess } from './support/server-process.ts';
import { bySize } from './support/size.ts';

const COUNT = JSON.stringify({ query: '{ articles { totalCount } }' });

/**
 * Starts a POST whose body is held back: resolves once the server has read the request's headers
 * (it answers `Expect: 100-continue`), so the request is certainly in flight. `finish` sends the
 * body and resolves with the response.
 */
function inFlightRequest(url: string): Promise<{ finish: () => Promise<{ status: number; body: string }> }> {
  return new Promise((resolve, reject) => {
    const response = new Promise<{ status: number; body: string }>((done, fail) => {
      const request = http.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(COUNT),
          expect: '100-continue',
        },
        agent: false,
      });
      request.on('continue', () =>
        resolve({
          finish: () => {
            if (!request.writableEnded) request.end(COUNT);
            return response;
          },
        }),
      );
      request.on('response', (incoming) => {
        let body = '';
        incoming.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        incoming.on('end', () => done({ status: incoming.statusCode ?? 0, body }));
      });
      request.on('error', (error) => {
        fail(error);
        reject(error);
      });
      request.flushHeaders();
    });
  });
}

/** True once the server no longer accepts TCP connections (it may take a moment after the signal). */
async function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  for (let attempt = 0; attempt < 200; attempt++) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

const CLIENTS = bySize(8, 20);
const LOAD_MS = bySize(1_000, 2_000);

describe(`graceful shutdown (${databaseKind})`, () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-data-'));
    database = await createTestDatabase();
    env = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir };
    if (!database.databaseUrl) delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const server = await startServerProcess({ ...env, LEDE_LOG_FORMAT: 'json' });
    const answered = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: COUNT,
    });
    expect(answered.status).toBe(200);

    const pending = await inFlightRequest(server.url);
    const exited = server.stop();
    try {
      expect(await refusesConnections(server.url), 'new connections are refused once the signal arrived').toBeTruthy();
      const { status, body } = await pending.finish();
      expect(status, 'the request in flight is answered').toBe(200);
      expect(
        (JSON.parse(body) as { data: { articles: { totalCount: number } } }).data.articles.totalCount > 0,
      ).toBeTruthy();
    } finally {
      // However the checks went, the process must end before the data folder is removed.
      await pending.finish().catch(() => undefined);
    }
    expect(await exited, 'exits 0: everything closed before the 10 s limit').toBe(0);
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; status?: number });
    const messages = lines.map((line) => line.msg);
    expect(messages.includes('Lede stopped.'), 'the database was closed').toBeTruthy();
    expect(
      messages.indexOf('Lede stopped.') > messages.lastIndexOf('graphql request'),
      'the in-flight request finished before the database closed',
    ).toBeTruthy();
    expect(lines.filter((line) => line.msg === 'graphql request').length).toBe(2);
  });

  it('on SIGTERM under load answers every request it took in, and exits 0 within 10 s', async () => {
    const server = await startServerProcess({ ...env, LEDE_LOG_FORMAT: 'json', LEDE_RATE_LIMIT_ANONYMOUS: '0' });
    const answered: number[] = [];
    const failures: string[] = [];
    let running = true;
    // Each request on a new connection: a failure can then only be a connection the server never
    // read a request from (refused, or closed while idle), never an answer lost on a reused one.
    const client = async () => {
      while (running) {
        await new Promise<void>((done) => {
          const request = http.request(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(COUNT) },
            agent: false,
          });
          request.on('response', (incoming) => {
            incoming.resume();
            incoming.on('end', () => {
              answered.push(incoming.statusCode ?? 0);
              done();
            });
          });
          request.on('error', (error: NodeJS.ErrnoException) => {
            failures.push(error.code ?? error.message);
            done();
          });
          request.end(COUNT);
        });
        if (failures.length) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const clients = Promise.all(Array.from({ length: CLIENTS }, client));
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    const signalled = Date.now();
    const exitCode = await server.stop();
    const stoppedAfterMs = Date.now() - signalled;
    running = false;
    await clients;

    expect(exitCode).toBe(0);
    expect(stoppedAfterMs < 10_000, `exited ${stoppedAfterMs} ms after SIGTERM`).toBeTruthy();
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; status?: number });
    const logged = lines.filter((line) => line.msg === 'graphql request');
    const signalLine = lines.findIndex((line) => line.msg.startsWith('SIGTERM received'));
    expect(
      lines.slice(signalLine).some((line) => line.msg === 'graphql request'),
      'requests were in flight when the signal came, and finished after it',
    ).toBeTruthy();
    expect(answered.length > CLIENTS, 'the load was running when the signal came').toBeTruthy();
    expect(
      answered.filter((status) => status !== 200),
      'every answer is a success',
    ).toStrictEqual([]);
    expect(answered.length, 'every request the server took in reached its client').toBe(logged.length);
    expect(
      [...new Set(failures)].filter((code) => !['ECONNREFUSED', 'ECONNRESET'].includes(code)),
      'requests fail only at connecting, once the server stopped accepting',
    ).toStrictEqual([]);
    console.log(
      `SIGTERM under load: ${answered.length} answered, ${failures.length} refused after the signal, exit 0 after ${stoppedAfterMs} ms`,
    );
  });

  it('on SIGTERM ends open subscription streams, so it still exits 0 within the limit', async () => {
    const server = await startServerProcess({ ...env, LEDE_LOG_FORMAT: 'json' });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { articleChanged { change articleId } }' }),
    });
    expect(response.status).toBe(200);
    const exited = server.stop();
    // The stream ends by itself: read it to the end.
    const text = await response.text();
    expect(text, 'the stream was completed, not cut').toMatch(/event: complete/);
    expect(await exited).toBe(0);
  });
});
