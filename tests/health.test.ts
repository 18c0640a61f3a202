import { describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway } from './support/gateway.ts';

describe(`health and readiness (${databaseKind})`, () => {
  it('answers /health while the process runs, and /ready only while the database answers', async () => {
    const lede = await startTestGateway({ loadSampleContent: false });
    const status = async (path: string) => (await lede.yoga.fetch(`http://lede.test${path}`)).status;
    try {
      expect(await status('/health')).toBe(200);
      expect(await status('/ready')).toBe(200);
      lede.statements.length = 0;
      const flood = await Promise.all(Array.from({ length: 20 }, () => status('/ready')));
      expect(flood.every((code) => code === 200)).toBe(true);
      expect(lede.statements.length, '/ready probes at the same moment share one check').toBe(1);
      // Closing the embedded database is a real outage; on PostgreSQL Prisma would just reconnect
      // (stopping the server under load is the hardening issue's fault test).
      if (databaseKind !== 'PGlite') return;
      await lede.database.close();
      expect(await status('/ready'), 'not ready once the database is gone').toBe(503);
      expect(await status('/health'), 'the process itself is still alive').toBe(200);
    } finally {
      await lede.close();
    }
  });
});
