import { readFileSync } from 'node:fs';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/app.ts';
import { configWith } from '../src/config.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';

// When a request is abandoned (its client went away, or its deadline passed), direct execution
// calls no further resolver, so the request sends no further SQL statement, and it ends as it
// does under graphql-js: the execution rejects with the signal's reason.

const ARTICLE_PAGE = readFileSync(new URL('../bench/operations/article.graphql', import.meta.url), 'utf8');

describe(`an abandoned request sends no further statements (${databaseKind})`, () => {
  const gateways: { gateway: Gateway; drop: () => Promise<void> }[] = [];
  let abortOnStatement: (() => void) | undefined;
  const sent: string[] = [];
  let executionSettled: (() => void) | undefined;
  /** Wraps the executor the engine set (or graphql-js's), to see when execution has ended either way. */
  const observeExecution: Plugin = {
    onExecute({ executeFn, setExecuteFn }) {
      const execute = executeFn as (args: unknown) => Promise<unknown>;
      setExecuteFn(async (args) => {
        try {
          return await execute(args);
        } finally {
          executionSettled?.();
        }
      });
    },
  };

  async function start(directExecution: boolean) {
    const database = await createTestDatabase();
    const gateway = await startGateway(
      configWith({
        databaseUrl: database.databaseUrl,
        dataDir: database.dataDir,
        loadSampleContent: true,
        logLevel: 'error',
        directExecution,
      }),
      {
        onQuery: (sql) => {
          sent.push(sql);
          abortOnStatement?.();
        },
        plugins: [observeExecution],
      },
    );
    gateways.push({ gateway, drop: database.drop });
    return gateway;
  }

  let direct: Gateway;
  let graphqlJs: Gateway;
  let slug: string;
  beforeAll(async () => {
    direct = await start(true);
    graphqlJs = await start(false);
    slug = (await direct.database.prisma.article.findFirstOrThrow({ orderBy: { id: 'asc' } })).slug;
  });
  afterAll(async () => {
    for (const { gateway, drop } of gateways) {
      await gateway.mostRead.close();
      await gateway.articleEvents.close();
      await gateway.database.close();
      await gateway.media.close();
      await drop();
    }
  });

  /** Runs the article page, its client going away as its first statement is sent. */
  async function abandonedArticlePage(gateway: Gateway) {
    const client = new AbortController();
    const settled = new Promise<void>((resolve) => {
      executionSettled = resolve;
    });
    sent.length = 0;
    abortOnStatement = () => client.abort();
    const outcome = await Promise.resolve(
      gateway.yoga.fetch('http://lede/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ARTICLE_PAGE, variables: { slug } }),
        signal: client.signal,
      }),
    ).then(
      async (response) => `${response.status} ${await response.text()}`,
      (error: unknown) => `rejected: ${error instanceof Error ? error.name : String(error)}`,
    );
    // The execution has ended, so no resolver is still on its way to a statement.
    await settled;
    abortOnStatement = undefined;
    return { outcome, statements: [...sent] };
  }

  it('stops at the first statement where the whole page takes two', async () => {
    sent.length = 0;
    const whole = await direct.yoga.fetch('http://lede/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ARTICLE_PAGE, variables: { slug } }),
    });
    expect(((await whole.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(sent.length, 'the page, not abandoned').toBe(2);
    expect(direct.executions.direct, 'answered by direct execution').toBe(1);

    const abandoned = await abandonedArticlePage(direct);
    expect(abandoned.statements, 'no statement after the abort').toHaveLength(1);
    expect(direct.executions.graphql, 'not handed to graphql-js').toBe(0);

    const reference = await abandonedArticlePage(graphqlJs);
    expect(abandoned.outcome, 'the request ends as it does under graphql-js').toBe(reference.outcome);
  });
});
