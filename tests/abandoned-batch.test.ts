import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/client.ts';
import { isStatementTimeout } from '../src/db/statement-timeout.ts';

// Embedded PGlite refuses the next statement of an abandoned request (src/db/adapter.ts,
// takeTurnsWithTheServer), judging by the request whose async context the statement runs in. Prisma
// queues the findUnique calls of one tick, from every request, and runs them all in the context of
// the first caller (src/db/client.ts, shareBatchedQueries): when that caller was abandoned, a live
// request's lookup used to be refused with it, and its client got a 503 REQUEST_TIMEOUT.
describe('embedded PGlite refuses no statement that may serve a live request', () => {
  type Scope = { name: string; signal: AbortSignal };
  const requests = new AsyncLocalStorage<Scope>();
  /** Which request's context each statement Prisma sent ran in. */
  const ranIn: string[] = [];
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase({
      dataDir: 'memory://',
      // As src/app.ts: the request whose context the statement runs in.
      isAbandoned: () => requests.getStore()?.signal.aborted === true,
      onQuery: () => ranIn.push(requests.getStore()?.name ?? 'none'),
    });
    for (const name of ['a', 'b']) {
      await database.prisma.apiKey.create({ data: { name, role: 'EDITOR', secretHash: `hash-${name}`, prefix: name } });
    }
  });
  afterAll(() => database?.close());

  /** An abandoned request and a live one, as the app's request scopes carry them. */
  const abandoned = (): Scope => ({ name: 'abandoned', signal: AbortSignal.abort() });
  const live = (): Scope => ({ name: 'live', signal: new AbortController().signal });

  /** Starts `work` in `scope` now (Prisma's promises start when first awaited), and settles it. */
  const within = <T>(scope: Scope, work: () => PromiseLike<T>) =>
    requests.run(scope, () =>
      work().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );

  it("answers a live request's findUnique that Prisma merged with an abandoned request's", async () => {
    ranIn.length = 0;
    // The same tick: the abandoned request asks first, so the merged statement runs in its context.
    const [first, second] = await Promise.all([
      within(abandoned(), () => database.prisma.apiKey.findUnique({ where: { secretHash: 'hash-a' } })),
      within(live(), () => database.prisma.apiKey.findUnique({ where: { secretHash: 'hash-b' } })),
    ]);
    expect(second).toEqual({ value: expect.objectContaining({ name: 'b' }) });
    expect(first).toEqual({ value: expect.objectContaining({ name: 'a' }) });
    // The bug's conditions: one statement for both lookups, run as the abandoned request's.
    expect(ranIn).toEqual(['abandoned']);
  });

  it("answers a live request's findUnique queued in the same tick as an abandoned request's lookup elsewhere", async () => {
    ranIn.length = 0;
    const [, second] = await Promise.all([
      within(abandoned(), () => database.prisma.article.findUnique({ where: { id: 1 } })),
      within(live(), () => database.prisma.apiKey.findUnique({ where: { secretHash: 'hash-b' } })),
    ]);
    expect(second).toEqual({ value: expect.objectContaining({ name: 'b' }) });
    // Two statements, the live request's too run in the abandoned request's context.
    expect(ranIn).toEqual(['abandoned', 'abandoned']);
  });

  it("answers a live request's findUniqueOrThrow that Prisma ran in one transaction with an abandoned request's findUnique", async () => {
    ranIn.length = 0;
    // Lookups of one shape but different methods are queued together and cannot be merged into one
    // statement: Prisma runs them one by one in a transaction it starts for them.
    const [first, second] = await Promise.all([
      within(abandoned(), () => database.prisma.apiKey.findUnique({ where: { secretHash: 'hash-a' } })),
      within(live(), () => database.prisma.apiKey.findUniqueOrThrow({ where: { secretHash: 'hash-b' } })),
    ]);
    expect(second).toEqual({ value: expect.objectContaining({ name: 'b' }) });
    expect(first).toEqual({ value: expect.objectContaining({ name: 'a' }) });
    // Both lookups, and the transaction's end, run as the abandoned request's work.
    expect(ranIn.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ranIn)).toEqual(new Set(['abandoned']));
  });

  it("still refuses an abandoned request's own statements, and serves the next request", async () => {
    ranIn.length = 0;
    const { prisma } = database;
    const own: (() => PromiseLike<unknown>)[] = [
      () => prisma.apiKey.findMany(),
      () => prisma.apiKey.count(),
      () => prisma.apiKey.update({ where: { secretHash: 'hash-a' }, data: { name: 'changed' } }),
      () => prisma.$transaction(async (tx) => tx.apiKey.findMany()),
    ];
    for (const work of own) {
      const settled = await within(abandoned(), work);
      expect('error' in settled && isStatementTimeout(settled.error), String(work)).toBe(true);
    }
    expect(ranIn).toEqual([]);
    expect(await within(live(), () => prisma.apiKey.findMany({ orderBy: { id: 'asc' } }))).toEqual({
      value: [expect.objectContaining({ name: 'a' }), expect.objectContaining({ name: 'b' })],
    });
  });
});
