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

  it(`are read at once and refused as bad files while /health answers within ${HEALTH_BOUND_MS} ms`, async () => {
    const base = server.url.replace(/\/graphql$/, '');
    let slowestHealthMs = 0;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await fetch(`${base}/health`, { signal: AbortSignal.timeout(30_000) })
          .then((response) => response.arrayBuffer())
          .catch(() => undefined);
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
    // Bytes that are no image: read in full, then refused as bad files.
    for (const result of results) {
      expect(result.data?.uploadImage?.__typename, JSON.stringify(result).slice(0, 300)).toBe('ValidationError');
    }
    expect(slowestHealthMs, 'slowest /health answer, ms').toBeLessThan(HEALTH_BOUND_MS);
  });
});
