import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { describeLoad, readOperations, runLoad } from './support/load.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { bySize } from './support/size.ts';

// The short form of `npm run load` (docs/operations.md "Load and faults"): a Lede process over real HTTP,
// concurrent readers running the example operations with varied variables.
const CLIENTS = bySize(10, 50);
const DURATION_MS = bySize(1_500, 5_000);

describe(`read load (${databaseKind})`, () => {
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-load-'));
    database = await createTestDatabase();
    server = await startServerProcess({
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir }),
      LEDE_RATE_LIMIT_ANONYMOUS: '0',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`${CLIENTS} concurrent clients get every answer, without errors`, async () => {
    const operations = await readOperations(server.url);
    expect(
      new Set(operations.map((operation) => operation.name)).size >= 7,
      'every example operation is in the mix',
    ).toBeTruthy();
    const result = await runLoad({ url: server.url, operations, clients: CLIENTS, durationMs: DURATION_MS });
    console.log(describeLoad(result, CLIENTS));
    expect(result.samples, 'no request failed').toStrictEqual([]);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.graphqlErrors).toBe(0);
    expect(result.requests >= CLIENTS, 'every client was answered at least once').toBeTruthy();
  });
});
