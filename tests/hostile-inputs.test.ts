import fc from 'fast-check';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.ts';
import { databaseKind } from './support/database.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from './support/gateway.ts';
import { CLIENT_CODES } from './support/hostile-requests.ts';
import { bySize } from './support/size.ts';

// Fixed seed: a failure names its case and replays the same way.
const SEED = 20261204;
const GENERATED_RUNS = bySize(40, 400);
/** How deep brackets and variable values may nest: LEDE_MAX_DEPTH (12 by default) + 20. */
const NESTING_LIMIT = 32;

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const nested = (depth: number, open: string, close: string, inner: string) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const articlesWith = (args: string) => `{ articles(${args}) { edges { node { id } } } }`;

/** A request body as a client sends it; `raw` when JSON.stringify itself could not build it. */
type Body = { query: string; variables?: Record<string, unknown> } | { raw: string };
type Repro = Body & { code: string };

const deepVariable = (depth: number, query = '{ __typename }') => ({
  raw: `{"query":${JSON.stringify(query)},"variables":{"x":${nested(depth, '[', ']', '')}}}`,
});
const personIds = (count: number) => Array.from({ length: count }, (_, i) => base64(`Person:${i + 1}`));
const MENTIONED_PEOPLE = 'query ($people: [ID!]) { articles(filter: { mentionedPeople: $people }) { totalCount } }';

/** The requests of issue 21, item 6 (each reached "Unexpected error" with a stack in the log), and near variants. */
const REPROS: Record<string, Repro> = {
  'variables nested 4,500 deep': { ...deepVariable(4_500), code: 'VARIABLES_TOO_DEEP' },
  'a declared variable nested 4,500 deep': {
    ...deepVariable(4_500, 'query ($x: [ID!]) { articles(filter: { authors: $x }) { totalCount } }'),
    code: 'VARIABLES_TOO_DEEP',
  },
  'a list literal 2,000 deep': {
    query: `{ nodes(ids: ${nested(2_000, '[', ']', '"x"')}) { id } }`,
    code: 'QUERY_TOO_DEEP',
  },
  'an object literal 2,000 deep': {
    query: `{ articles(filter: ${nested(2_000, '{ language: ', ' }', '"en"')}) { totalCount } }`,
    code: 'QUERY_TOO_MANY_TOKENS',
  },
  'an object literal 1,000 deep (within the token limit)': {
    query: `{ articles(filter: ${nested(1_000, '{ language: ', ' }', '"en"')}) { totalCount } }`,
    code: 'QUERY_TOO_DEEP',
  },
  'a selection set 2,000 deep': {
    query: `{ ${nested(2_000, 'sections { ', ' }', 'name')} }`,
    code: 'QUERY_TOO_MANY_TOKENS',
  },
  'a selection set 1,500 deep (within the token limit)': {
    query: `{ ${nested(1_500, 'sections { ', ' }', 'name')} }`,
    code: 'QUERY_TOO_DEEP',
  },
  'a global id above 2^31-1': {
    query: `{ node(id: "${base64('Person:3000000000')}") { id } }`,
    code: 'BAD_USER_INPUT',
  },
  'an id list entry above 2^31-1': {
    query: articlesWith(`filter: { mentionedPeople: ["${base64('Person:2147483648')}"] }`),
    code: 'BAD_USER_INPUT',
  },
  'an id cursor above 2^31-1': {
    query: `{ people(after: "${base64('GPC:N:3000000000')}") { edges { node { id } } } }`,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  'a keyset cursor with an id above 2^31-1': {
    query: articlesWith(`after: "${base64url('A1:["NEWEST_FIRST","2026-01-01T00:00:00.000Z",3000000000]')}"`),
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  'a NUL byte in a slug': { query: '{ article(slug: "a\\u0000b") { id } }', code: 'BAD_USER_INPUT' },
  'a NUL byte in a people search': {
    query: '{ people(search: "el\\u0000na") { edges { node { id } } } }',
    code: 'BAD_USER_INPUT',
  },
  'a NUL byte in a language variable': {
    query: 'query ($language: String) { articles(filter: { language: $language }) { totalCount } }',
    variables: { language: 'e\u0000n' },
    code: 'BAD_USER_INPUT',
  },
  'a NUL byte in a list of ids': { query: '{ nodes(ids: ["\\u0000"]) { id } }', code: 'BAD_USER_INPUT' },
  'a NUL byte in a route path': { query: '{ route(path: "/world/\\u0000") { __typename } }', code: 'BAD_USER_INPUT' },
  'updatedSince in year 0': {
    query: articlesWith('filter: { updatedSince: "0000-01-01T00:00:00Z" }'),
    code: 'BAD_USER_INPUT',
  },
  'updatedSince in year 0, as a variable': {
    query: 'query ($since: DateTime) { articles(filter: { updatedSince: $since }) { totalCount } }',
    variables: { since: '0000-01-01T00:00:00Z' },
    code: 'BAD_USER_INPUT',
  },
  'a keyset cursor in year 275760': {
    query: articlesWith(`after: "${base64url('A1:["NEWEST_FIRST","+275760-09-13T00:00:00.000Z",1]')}"`),
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  'a keyset cursor in year -271821': {
    query: articlesWith(
      `orderBy: UPDATED_OLDEST_FIRST, after: "${base64url('A1:["UPDATED_OLDEST_FIRST","-271821-04-20T00:00:00.000Z",1]')}"`,
    ),
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  'filter.mentionedPeople with 60,000 ids': {
    query: MENTIONED_PEOPLE,
    variables: { people: personIds(60_000) },
    code: 'REQUEST_ENTITY_TOO_LARGE',
  },
  'filter.mentionedPeople with 30,000 ids (within the body limit)': {
    query: MENTIONED_PEOPLE,
    variables: { people: personIds(30_000) },
    code: 'LIST_TOO_LONG',
  },
};

describe(`hostile inputs (${databaseKind})`, () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ production: true });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /**
   * Sends one request and checks that nothing unexpected happened: no "Unexpected error", no 5xx,
   * only codes a client can switch on, nothing logged as an error and no stack in the log.
   */
  async function sendHostile(body: Body) {
    const logsBefore = gateway.logs.length;
    const unexpectedBefore = gateway.unexpectedErrors.length;
    const response = await gateway.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: 'raw' in body ? body.raw : JSON.stringify({ query: body.query, variables: body.variables }),
    });
    const result = (await response.json()) as GraphQLResponse;
    const errors = result.errors ?? [];
    expect(errors.map((error) => error.message)).not.toContain('Unexpected error.');
    expect(response.status, JSON.stringify(result)).toBeLessThan(500);
    for (const error of errors) expect(CLIENT_CODES).toContain(error.extensions?.code);
    expect(gateway.unexpectedErrors.slice(unexpectedBefore)).toEqual([]);
    const logged = gateway.logs.slice(logsBefore);
    expect(logged.filter((line) => line.level === 'error')).toEqual([]);
    expect(JSON.stringify(logged)).not.toContain('    at ');
    return { status: response.status, errors, data: result.data };
  }

  for (const [name, { code, ...body }] of Object.entries(REPROS)) {
    it(`refuses ${name} with ${code}`, async () => {
      const { errors } = await sendHostile(body);
      expect(errors.map((error) => error.extensions?.code)).toEqual([code]);
    });
  }

  it('still answers inputs at the edges of the ranges', async () => {
    const result = await sendHostile({
      query: `{
        node(id: "${base64('Person:2147483647')}") { id }
        articles(filter: { updatedSince: "0001-01-01T00:00:00Z", publishedBefore: "9999-12-31T23:59:59.999Z" }) { totalCount }
      }`,
    });
    expect(result.errors).toEqual([]);
    expect(result.data).toMatchObject({ node: null, articles: { totalCount: expect.any(Number) } });
    const people = await sendHostile({ query: MENTIONED_PEOPLE, variables: { people: personIds(1_000) } });
    expect(people.errors).toEqual([]);
  });

  describe('generated', () => {
    const runs = { seed: SEED, numRuns: GENERATED_RUNS };

    it('refuses variables nested past the limit, at any depth, and answers shallow ones', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 6_000 }), async (depth) => {
          const { errors } = await sendHostile(
            deepVariable(depth, 'query ($x: [ID!]) { articles(filter: { authors: $x }) { totalCount } }'),
          );
          const codes = errors.map((error) => error.extensions?.code);
          if (depth > NESTING_LIMIT) expect(codes).toEqual(['VARIABLES_TOO_DEEP']);
          else if (depth === 1) expect(codes).toEqual([]);
          // `[[…]]` is not an [ID!]: the variable's own validation refuses it.
          else expect(codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
        }),
        runs,
      );
    });

    it('never fails on a global id, a cursor id or a date, whatever the number', async () => {
      const anyId = fc.oneof(
        fc.integer({ min: -10, max: 10 }),
        fc.integer({ min: 2 ** 31 - 3, max: 2 ** 31 + 3 }),
        fc.maxSafeInteger(),
      );
      const [earliest, latest] = [new Date('0001-01-01T00:00:00.000Z'), new Date('9999-12-31T23:59:59.999Z')];
      const anyInstant = fc.oneof(
        fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
        fc.date({ min: earliest, max: latest, noInvalidDate: true }),
        fc.constantFrom(earliest, latest, new Date(earliest.getTime() - 1), new Date(latest.getTime() + 1)),
      );
      await fc.assert(
        fc.asyncProperty(anyId, anyInstant, async (id, instant) => {
          const cursor = base64url(`A1:${JSON.stringify(['NEWEST_FIRST', instant.toISOString(), id])}`);
          const { errors } = await sendHostile({
            query: `query ($since: DateTime) {
              node(id: "${base64(`Person:${id}`)}") { id }
              articles(after: "${cursor}", filter: { updatedSince: $since }) { totalCount }
            }`,
            variables: { since: instant.toISOString() },
          });
          const inRange = id >= 1 && id <= 2 ** 31 - 1 && instant >= earliest && instant <= latest;
          expect(errors.length === 0).toBe(inRange);
        }),
        runs,
      );
    });

    it('never fails on an Int argument, whatever its value', async () => {
      const anyInt = fc.oneof(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.constantFrom(-(2 ** 31), -1, 0, 1, 2 ** 31 - 1),
      );
      await fc.assert(
        fc.asyncProperty(anyInt, async (n) => {
          const { errors } = await sendHostile({
            query: `query ($n: Int!) {
              articles(first: 1) { edges { node { excerpt(maxLength: $n) related(first: $n) { id } } } }
              facets { authors(limit: $n) { count } months(limit: $n) { count } }
              people(first: 1) { edges { node { coMentionedPeople(first: $n) { sharedArticles } } } }
              searchEntities(query: "a", first: $n) { __typename }
            }`,
            variables: { n },
          });
          // A small value is answered: the query itself is valid.
          if (n >= 1 && n <= 10) expect(errors).toEqual([]);
        }),
        { ...runs, examples: [[5]] },
      );
    });

    it('refuses a NUL character anywhere in a string argument', async () => {
      const withNul = fc
        .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
        .map(([before, after]) => `${before}\u0000${after}`);
      // Each reads `$v`, which the literal form replaces by the value.
      const fields = fc.constantFrom(
        ['String!', '{ article(slug: $v) { id } }'],
        ['String', '{ people(search: $v) { totalCount } }'],
        ['String', '{ articles(filter: { language: $v }) { totalCount } }'],
        ['String!', '{ search(query: $v) { totalCount } }'],
        ['ID!', '{ nodes(ids: [$v]) { id } }'],
      );
      await fc.assert(
        fc.asyncProperty(withNul, fields, fc.boolean(), async (value, [type, selection], asLiteral) => {
          const body = asLiteral
            ? { query: selection.replace('$v', () => JSON.stringify(value)) }
            : { query: `query ($v: ${type}) ${selection}`, variables: { v: value } };
          const { errors } = await sendHostile(body);
          expect(errors.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
        }),
        runs,
      );
    });
  });
});

// PGlite does not enforce statement_timeout (a statement there runs to its end), so only PostgreSQL has this case.
describe.runIf(databaseKind === 'PostgreSQL')(`a statement timeout (${databaseKind})`, () => {
  let gateway: TestGateway;
  let locker: pg.Client;
  const STATEMENT_TIMEOUT_MS = 200;

  beforeAll(async () => {
    // Through Prisma's raw queries (the errors differ from those of Lede's own statements).
    const prismaRawSleep: Plugin = {
      onExecute({ args, executeFn, setExecuteFn }) {
        if (getOperationAST(args.document)?.name?.value !== 'PrismaRawSleep') return;
        setExecuteFn(async (execution) => {
          await (execution.contextValue as Context).prisma.$executeRaw`SELECT pg_sleep(2)`;
          return executeFn(execution);
        });
      },
    };
    gateway = await startTestGateway({
      production: true,
      loadSampleContent: false,
      operations: { statementTimeoutMs: STATEMENT_TIMEOUT_MS },
      plugins: [prismaRawSleep],
    });
    // Another session holds the articles table, so the gateway's statements on it wait until their timeout.
    locker = new pg.Client({ connectionString: gateway.databaseTarget.databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
  });

  afterAll(async () => {
    await locker?.query('ROLLBACK');
    await locker?.end();
    await gateway?.close();
  });

  const QUERIES = {
    'a list of articles': '{ articles(first: 1) { edges { node { id } } } }',
    'a search': '{ search(query: "harbour") { totalCount } }',
    'a raw Prisma query': 'query PrismaRawSleep { __typename }',
  };
  for (const [name, query] of Object.entries(QUERIES)) {
    it(`answers ${name} stopped by it with the documented REQUEST_TIMEOUT error, and logs no stack`, async () => {
      const logsBefore = gateway.logs.length;
      const response = await gateway.gatewayResponse(query);
      const result = (await response.json()) as GraphQLResponse;
      expect(response.status, JSON.stringify(result)).toBe(503);
      expect(result.errors?.map((error) => error.extensions?.code)).toContain('REQUEST_TIMEOUT');
      expect(result.errors?.map((error) => error.message)).not.toContain('Unexpected error.');
      expect(result.errors?.[0]?.message).toMatch(`${STATEMENT_TIMEOUT_MS} ms`);
      expect(gateway.unexpectedErrors).toEqual([]);
      const logged = gateway.logs.slice(logsBefore);
      expect(logged.filter((line) => line.msg === 'statement timeout').length).toBeGreaterThan(0);
      expect(JSON.stringify(logged)).not.toContain('    at ');
    });
  }
});
