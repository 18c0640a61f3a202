import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseDriver, openDatabaseDriver, type TextQuery } from '../src/db/adapter.ts';
import { isStatementTimeout } from '../src/db/statement-timeout.ts';
import { rejectionOf } from './support/expect.ts';

// Embedded PGlite runs statements on the main thread (src/db/adapter.ts, takeTurnsWithTheServer):
// each must start on a new turn of the event loop, so timers and sockets run between a request's
// statements, and an abandoned request's next statement must be refused.
describe('embedded PGlite takes turns with the server', () => {
  let driver: DatabaseDriver;
  let textQuery: TextQuery;
  let abandoned = false;
  beforeAll(async () => {
    driver = await openDatabaseDriver({ dataDir: 'memory://', isAbandoned: () => abandoned });
    ({ textQuery } = await driver.queryAdapter());
  });
  afterAll(() => driver?.close());

  // Enough work per statement that the series takes a while, on any machine.
  const busyStatement = () => textQuery('SELECT count(*)::text FROM generate_series(1, 200000)', []);

  it('lets a timer run between statements queued at once', async () => {
    const finished: number[] = [];
    let timerFiredAfter: number | undefined;
    setTimeout(() => {
      timerFiredAfter = finished.length;
    }, 0);
    await Promise.all(Array.from({ length: 8 }, () => busyStatement().then(() => finished.push(finished.length))));
    expect(timerFiredAfter).toBeDefined();
    // Before the fix the timer ran only once all eight statements had finished.
    expect(timerFiredAfter).toBeLessThan(8);
  });

  it("refuses an abandoned request's next statement as a timeout, and serves the next request", async () => {
    abandoned = true;
    try {
      const error = await rejectionOf(busyStatement());
      expect(isStatementTimeout(error)).toBe(true);
    } finally {
      abandoned = false;
    }
    expect(await busyStatement()).toBe('200000');
  });
});
