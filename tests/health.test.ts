import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseKind } from './support/database.ts';
import { startTestGateway } from './support/gateway.ts';

describe(`health and readiness (${databaseKind})`, () => {
  it('answers /health while the process runs, and /ready only while the database answers', async () => {
    const lede = await startTestGateway({ loadSampleContent: false });
    const status = async (path: string) => (await lede.yoga.fetch(`http://lede.test${path}`)).status;
    try {
      assert.equal(await status('/health'), 200);
      assert.equal(await status('/ready'), 200);
      // Closing the embedded database is a real outage; on PostgreSQL Prisma would just reconnect
      // (stopping the server under load is the hardening issue's fault test).
      if (databaseKind !== 'PGlite') return;
      await lede.database.close();
      assert.equal(await status('/ready'), 503, 'not ready once the database is gone');
      assert.equal(await status('/health'), 200, 'the process itself is still alive');
    } finally {
      await lede.close();
    }
  });
});
