// Read load against a Lede child process over real HTTP: concurrent clients run the example
// operations with variables from the live content, and the run fails on any error, timeout or
// GraphQL error. Usage: npm run load -- [clients, default 200] [seconds, default 60]
// On the PostgreSQL server named by DATABASE_URL (a fresh database is created there and dropped
// afterwards), or on a fresh embedded database without it. Rate limiting is turned off.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../tests/support/database.ts';
import { describeLoad, readOperations, runLoad } from '../tests/support/load.ts';
import { startServerProcess } from '../tests/support/server-process.ts';

const clients = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 60);
const dataDir = await mkdtemp(path.join(tmpdir(), 'lede-load-'));
const database = await createTestDatabase();
const server = await startServerProcess({
  ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { LEDE_DATA_DIR: dataDir }),
  LEDE_RATE_LIMIT_ANONYMOUS: '0',
});
let failed = true;
try {
  const operations = await readOperations(server.url);
  console.log(`${operations.length} operations on ${database.databaseUrl ? 'PostgreSQL' : 'PGlite'}; running…`);
  const result = await runLoad({ url: server.url, operations, clients, durationMs: seconds * 1000 });
  console.log(describeLoad(result, clients));
  for (const sample of result.samples) console.log(`  ${sample}`);
  failed = result.errors + result.timeouts + result.graphqlErrors > 0;
} finally {
  await server.stop();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
