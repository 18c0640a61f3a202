import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/keys.ts';
import { openDatabase } from '../src/db/client.ts';
import { runningGateway } from '../src/db/gateway-lock.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { multipartUploadHead } from './support/images.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

// Found by the hostile battery (tests/hostile-battery.test.ts): the response cache's key and the
// query cost's price cache were built from every request's variables; in the server process an
// upload's variables hold its file, which was serialised byte by byte (a JSON array of numbers),
// freezing the process for seconds. In process (yoga.fetch, or a server in the test's process)
// the file is another class that serialises to `{}`, so only a server process shows it.

const BOUNDARY = 'lede-upload-variables';
/** Just under the default LEDE_MEDIA_MAX_BYTES (20 MiB). */
const FILE_BYTES = 20 * 1024 * 1024 - 64 * 1024;
/** LEDE_MEDIA_MAX_CONCURRENT_UPLOADS by default: as many as are read at once. */
const UPLOADS = 4;
/** What the issue asks of /health while any allowed request runs. */
const HEALTH_BOUND_MS = 1_000;
const METRICS_TOKEN = 'upload-variables-metrics-token';
/**
 * A loose bound on /health as this process sees it, beside the server's own stall bound: several
 * stalls each under HEALTH_BOUND_MS, back to back, would still hold /health up.
 */
const HEALTH_ROUND_TRIP_BACKSTOP_MS = 5_000;

type UploadResult = { data?: { uploadImage?: { __typename: string } } };

describe(`editors' large uploads to a server process (${databaseKind})`, () => {
  let folder: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ServerProcess;
  let editorKey: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lede-upload-variables-'));
    database = await createTestDatabase();
    const dataDir = path.join(folder, 'data');
    server = await startServerProcess({
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir }),
      NODE_ENV: 'production',
      LEDE_SAMPLE_CONTENT: 'false',
      LEDE_METRICS_TOKEN: METRICS_TOKEN,
    });
    if (database.databaseUrl) {
      const opened = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: 'memory://' });
      editorKey = (await createApiKey(opened, { name: 'editor', role: 'EDITOR' })).secret;
      await opened.close();
    } else {
      const gateway = await runningGateway(dataDir);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway?.token}` },
        body: JSON.stringify({ query: 'mutation { createApiKey(name: "editor", role: EDITOR) { secret } }' }),
      });
      editorKey = ((await response.json()) as { data: { createApiKey: { secret: string } } }).data.createApiKey.secret;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it(`are read at once and refused as bad files while the server never stalls ${HEALTH_BOUND_MS} ms`, async () => {
    const base = server.url.replace(/\/graphql$/, '');
    // The server's own measure of how late its event loop ran (prom-client's, reset at each scrape).
    // The time a /health round trip takes from here also counts this process's work sending 80 MB
    // and whatever else the machine runs, so it is no measure of the server's stalls.
    const longestStallSinceLastScrape = async () => {
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      const line = (await response.text())
        .split('\n')
        .find((text) => text.startsWith('nodejs_eventloop_lag_max_seconds'));
      return Number(line?.split(' ')[1]) * 1000;
    };
    await longestStallSinceLastScrape();
    const healthStatuses: number[] = [];
    let slowestHealthMs = 0;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        const status = await fetch(`${base}/health`, { signal: AbortSignal.timeout(30_000) })
          .then(async (response) => {
            await response.arrayBuffer();
            return response.status;
          })
          .catch(() => 0);
        healthStatuses.push(status);
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const body = Buffer.concat([
      multipartUploadHead(BOUNDARY),
      Buffer.alloc(FILE_BYTES, 0x61),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const results = await Promise.all(
      Array.from({ length: UPLOADS }, async () => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: {
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
            'x-graphql-yoga-csrf': '1',
            authorization: `Bearer ${editorKey}`,
          },
          body,
        });
        return (await response.json()) as UploadResult;
      }),
    );
    probing = false;
    await probe;
    const longestStallMs = await longestStallSinceLastScrape();
    // Bytes that are no image: read in full, then refused as bad files.
    for (const result of results) {
      expect(result.data?.uploadImage?.__typename, JSON.stringify(result).slice(0, 300)).toBe('ValidationError');
    }
    expect(healthStatuses.length > 0 && healthStatuses.every((status) => status === 200), `${healthStatuses}`).toBe(
      true,
    );
    expect(longestStallMs, "the server event loop's longest stall during the uploads, ms").toBeLessThan(
      HEALTH_BOUND_MS,
    );
    expect(slowestHealthMs, 'slowest /health round trip, ms').toBeLessThan(HEALTH_ROUND_TRIP_BACKSTOP_MS);
  });
});
