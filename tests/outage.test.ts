import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/keys.ts';
import { openDatabase } from '../src/db/client.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';
import { bySize } from './support/size.ts';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
  throwawayPostgresUnavailable,
} from './support/throwaway-postgres.ts';

// PostgreSQL stops and starts while readers and writers keep going (docs/operations.md "Load and faults").
// The embedded PGlite runs inside the gateway's own process: it cannot become unreachable while
// the process lives, so there is no outage to simulate; the PGlite run skips this file.
const unavailable = !process.env.DATABASE_URL
  ? 'the embedded database lives in the gateway process and has no outage to simulate'
  : throwawayPostgresUnavailable();

const READ = '{ articles(first: 5) { totalCount edges { node { headline section { name } } } } }';
const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { __typename ... on CreateArticleSuccess { article { id slug } } }
}`;
const DOWN_MS = bySize(1_500, 4_000);
const RECOVERY_LIMIT_MS = 10_000;

type Answer = { at: number; status: number; body: string };

/** The signs of internals a masked error must not show. */
const LEAKS = /\bat [\w.<>]+ \(|node_modules|prisma|SELECT |INSERT |ECONNREFUSED|postgres|57P01|terminating/i;

async function post(url: string, query: string, variables?: unknown, apiKey?: string): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return { at: Date.now(), status: response.status, body: await response.text() };
  } catch (error) {
    return { at: Date.now(), status: 0, body: error instanceof Error ? error.message : String(error) };
  }
}

const succeeded = (answer: Answer) => answer.status === 200 && !(JSON.parse(answer.body) as { errors?: [] }).errors;

describe.skipIf(unavailable)(`database outage under load (${databaseKind})`, () => {
  let postgres: ThrowawayPostgres;
  let server: ServerProcess;
  let editorKey: string;
  let sectionId: string;

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    server = await startServerProcess({
      DATABASE_URL: postgres.url,
      LEDE_RATE_LIMIT_ANONYMOUS: '0',
      LEDE_LOG_FORMAT: 'json',
    });
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' });
    editorKey = (await createApiKey(database, { name: 'outage writer', role: 'EDITOR' })).secret;
    await database.close();
    const sections = JSON.parse((await post(server.url, '{ sections { id } }')).body) as {
      data: { sections: { id: string }[] };
    };
    sectionId = sections.data.sections[0]?.id as string;
  });
  afterAll(async () => {
    await server?.stop();
    await postgres?.destroy();
  });

  it('masks errors and answers /ready 503 while down, recovers within 10 s, loses no acknowledged write', async () => {
    const ready = new URL('/ready', server.url).toString();
    const answers: { kind: 'read' | 'write'; answer: Answer }[] = [];
    const readiness: Answer[] = [];
    const acknowledged: string[] = [];
    let running = true;
    let written = 0;

    const reader = async () => {
      while (running) answers.push({ kind: 'read', answer: await post(server.url, READ) });
    };
    const writer = async (writerIndex: number) => {
      while (running) {
        written += 1;
        const answer = await post(
          server.url,
          CREATE,
          { input: { headline: `Outage story ${writerIndex}-${written}`, paragraphs: ['Text.'], section: sectionId } },
          editorKey,
        );
        answers.push({ kind: 'write', answer });
        const result =
          answer.status === 200
            ? (JSON.parse(answer.body) as { data?: { createArticle?: { article?: { id: string } } } })
            : {};
        const id = result.data?.createArticle?.article?.id;
        if (id) acknowledged.push(id);
      }
    };
    const readinessProbe = async () => {
      while (running) {
        const response = await fetch(ready).then(
          async (r) => ({ at: Date.now(), status: r.status, body: await r.text() }),
          (error: Error) => ({ at: Date.now(), status: 0, body: error.message }),
        );
        readiness.push(response);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const load = Promise.all([
      ...Array.from({ length: 8 }, reader),
      ...Array.from({ length: 4 }, (_, index) => writer(index)),
      readinessProbe(),
    ]);

    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const stoppedAt = Date.now();
    postgres.stop();
    const downFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    const downUntil = Date.now();
    postgres.start();
    const restartedAt = Date.now();
    // Load goes on past the recovery limit, so the last stretch shows a fully recovered gateway.
    await new Promise((resolve) => setTimeout(resolve, RECOVERY_LIMIT_MS + 3_000));
    running = false;
    await load;

    const whileDown = answers.filter(({ answer }) => answer.at > downFrom + 500 && answer.at < downUntil);
    expect(whileDown.length > 0, 'requests were answered while the database was down').toBeTruthy();
    for (const { answer } of whileDown) {
      expect(answer.status, `the gateway answered: ${answer.body}`).not.toBe(0);
      expect(answer.body, 'no stack, SQL or driver message reaches the client').not.toMatch(LEAKS);
    }
    expect(
      whileDown.some(({ answer }) => !succeeded(answer)),
      'requests failed while the database was down (else the outage was not seen)',
    ).toBeTruthy();
    const readyWhileDown = readiness.filter((answer) => answer.at > downFrom + 500 && answer.at < downUntil);
    expect(
      readyWhileDown.length > 0 && readyWhileDown.every((answer) => answer.status === 503),
      '/ready is 503',
    ).toBeTruthy();

    const firstReady = readiness.find((answer) => answer.at > restartedAt && answer.status === 200);
    expectTruthy(firstReady, '/ready answers 200 again');
    const recovered = restartedAt + RECOVERY_LIMIT_MS;
    const afterRecovery = answers.filter(({ answer }) => answer.at > recovered);
    expect(
      afterRecovery.some(({ kind }) => kind === 'write') && afterRecovery.some(({ kind }) => kind === 'read'),
    ).toBeTruthy();
    expect(
      afterRecovery.filter(({ answer }) => !succeeded(answer)).map(({ answer }) => answer.body),
      'every request succeeds from 10 s after the database returned',
    ).toStrictEqual([]);
    expect(readiness.filter((answer) => answer.at > recovered).every((answer) => answer.status === 200)).toBeTruthy();
    expect(
      answers.filter(({ answer }) => answer.status >= 500 && answer.at < stoppedAt).length,
      'nothing failed before the outage',
    ).toBe(0);

    expect(acknowledged.length > 0).toBeTruthy();
    // nodes(ids:) takes at most 100 IDs: look them up in pages of 50.
    for (let start = 0; start < acknowledged.length; start += 50) {
      const ids = acknowledged.slice(start, start + 50);
      const lookup = JSON.parse(
        (await post(server.url, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }, editorKey)).body,
      ) as { data: { nodes: ({ id: string } | null)[] } };
      expect(
        lookup.data.nodes.map((node) => node?.id),
        'every acknowledged article exists',
      ).toStrictEqual(ids);
    }
    expect(server.output(), 'no unhandled error in the gateway').not.toMatch(/Unhandled|uncaught/i);
    const statuses = new Map<number, number>();
    for (const { answer } of whileDown) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    console.log(
      `outage: ${answers.length} requests, ${acknowledged.length} articles acknowledged; while down, statuses ${JSON.stringify(
        Object.fromEntries(statuses),
      )}; /ready 200 again ${firstReady.at - restartedAt} ms after the restart`,
    );
  });
});
