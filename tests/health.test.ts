import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it, vi } from 'vitest';
import { READY_CHECK_TIMEOUT_MS, useReadiness } from '../src/http/use-readiness.ts';
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

  it('answers 503 when a check hangs, and the probes after it run a check of their own', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let checks = 0;
      const check = () => {
        checks += 1;
        return checks === 1 ? new Promise<boolean>(() => {}) : Promise.resolve(true);
      };
      const yoga = createYoga({
        schema: createSchema({ typeDefs: 'type Query { a: Int }' }),
        plugins: [useReadiness({ endpoint: '/ready', check })],
      });
      const hanging = Promise.resolve(yoga.fetch('http://lede.test/ready'));
      await vi.advanceTimersByTimeAsync(READY_CHECK_TIMEOUT_MS);
      expect((await hanging).status).toBe(503);
      expect((await yoga.fetch('http://lede.test/ready')).status).toBe(200);
      expect(checks).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
