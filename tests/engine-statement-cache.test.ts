import { expect, test } from 'vitest';
import { Prisma } from '../generated/prisma/client.ts';
import { RANKED_IDS, RANKED_PAIRS, relatedRankingWith } from '../src/articles/related.ts';
import { statementNameFor } from '../src/db/client.ts';
import {
  compileFindMany,
  compileFindManyList,
  ENCLOSING_ID,
  type FindManyArgs,
  NestedList,
  SqlArray,
  UnsupportedQuery,
} from '../src/engine/json-statement.ts';
import {
  findManyFromStatement,
  findManyStatement,
  fixedArguments,
  type IdSource,
} from '../src/engine/statement-cache.ts';

// The JSON statements are compiled once per shape of arguments and then bound to each call's
// values (src/engine/statement-cache.ts). Whatever the cache holds, a call's statement must be
// exactly the one compiling its own arguments gives: the same text and the same values.

/** The statement compiling `args` gives, or 'unsupported'. */
function compiledDirectly(model: string, args: FindManyArgs) {
  try {
    const { sql } = compileFindMany(model, args);
    return { text: sql.text, values: sql.values };
  } catch (error) {
    if (error instanceof UnsupportedQuery) return 'unsupported';
    throw error;
  }
}

function fromCache(model: string, args: FindManyArgs) {
  try {
    const { text, values } = findManyStatement(model, args);
    return { text, values };
  } catch (error) {
    if (error instanceof UnsupportedQuery) return 'unsupported';
    throw error;
  }
}

/** The same arguments with every value changed and the shape kept (what the next request of a page sends). */
function revalued(value: unknown, salt: number): unknown {
  if (typeof value === 'string') {
    if (value === 'asc' || value === 'desc') return value;
    // A timestamp given as text stays a timestamp.
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return new Date(Date.parse(value) + salt * 86_400_000).toISOString();
    return `${value}~${salt}`;
  }
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value + salt : value;
  if (value instanceof Date) return new Date(value.getTime() + salt * 86_400_000);
  if (Array.isArray(value)) return value.map((item) => revalued(item, salt));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revalued(item, salt)]));
  }
  return value;
}

const frontPage = (slug: string, take: number, before: Date): FindManyArgs => ({
  select: {
    id: true,
    headline: true,
    publishedAt: true,
    section: { select: { id: true, slug: true } },
    bylines: { select: { person: { select: { name: true } } }, orderBy: { position: 'asc' } },
  },
  where: {
    AND: [
      { status: 'PUBLISHED', publishedAt: { lte: before } },
      { section: undefined, slug: { not: null } },
      { OR: [{ slug }, { id: { in: [take, take + 1, take + 2] } }] },
    ],
  },
  orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
  take,
});

test("a shape is compiled once; each call's values are bound into the same text", () => {
  const first = findManyStatement('Article', frontPage('harbour-ferry', 21, new Date('2026-12-01T00:00:00Z')));
  const second = findManyStatement('Article', frontPage('council-vote', 21, new Date('2026-12-05T10:00:00Z')));
  expect(second.decode, 'the second call reuses the first compilation').toBe(first.decode);
  expect(second.text).toBe(first.text);
  expect(second).toMatchObject(
    compiledDirectly('Article', frontPage('council-vote', 21, new Date('2026-12-05T10:00:00Z'))) as object,
  );
  expect(second.values).toContain('council-vote');
  expect(second.values).not.toContain('harbour-ferry');
  expect(second.name, 'a name for a prepared statement, the same for the same text').toBe(first.name);
  expect(second.name).toMatch(/^lede_[\w-]+$/);
});

test('a page size is written into the text, so PostgreSQL can keep one plan for the statement', () => {
  // A bound LIMIT makes PostgreSQL price a generic plan as reading a tenth of the table, and plan
  // the statement again on every call.
  const twenty = findManyStatement('Article', frontPage('harbour-ferry', 20, new Date('2026-12-01T00:00:00Z')));
  const ten = findManyStatement('Article', frontPage('harbour-ferry', 10, new Date('2026-12-01T00:00:00Z')));
  expect(twenty.text).toMatch(/ LIMIT 20\)/);
  expect(ten.text).toMatch(/ LIMIT 10\)/);
  expect(ten.text).not.toMatch(/LIMIT \$/);
  expect(ten.name).not.toBe(twenty.name);
  expect(ten).toMatchObject(
    compiledDirectly('Article', frontPage('harbour-ferry', 10, new Date('2026-12-01T00:00:00Z'))) as object,
  );
});

test('shapes that differ only where the text differs get their own statements', () => {
  const base: FindManyArgs = { select: { id: true }, where: { id: { gt: 5 } }, orderBy: { id: 'asc' }, take: 5 };
  const cases: FindManyArgs[] = [
    base,
    { ...base, skip: 0 },
    { ...base, skip: 10 },
    { ...base, orderBy: { id: 'desc' } },
    { ...base, where: { id: { gt: 0 } } },
    { ...base, where: { id: null } },
    { ...base, where: { id: { in: [1, 2] } } },
    { ...base, where: { id: { in: [1, 2, 3] } } },
    { ...base, select: { id: true, slug: false } },
    { ...base, select: { id: true, slug: true } },
    { ...base, where: { headline: 'x', status: 'PUBLISHED' } },
    { ...base, where: { status: 'PUBLISHED', headline: 'x' } },
    { ...base, where: { publishedAt: '2026-01-01T00:00:00.000Z' } },
    { ...base, where: { publishedAt: new Date('2026-01-01T00:00:00.000Z') } },
    { ...base, where: { publishedAt: { in: [new Date('2026-01-01T00:00:00.000Z'), '2026-02-01T00:00:00.000Z'] } } },
    { ...base, where: { wordCount: { gt: 2.5 } } },
    { ...base, where: { wordCount: { gt: -1 } } },
    { ...base, take: 0 },
    { ...base, take: 1.5 },
    { ...base, take: -1 },
    { ...base, where: { mode: 'insensitive' } },
    { ...base, distinct: ['id'] } as FindManyArgs,
  ];
  // Twice, so the second round is answered from the cache, then once more with other values.
  for (const round of [0, 0, 7]) {
    for (const args of cases) {
      const call = revalued(args, round) as FindManyArgs;
      expect(fromCache('Article', call), JSON.stringify(call)).toStrictEqual(compiledDirectly('Article', call));
    }
  }
});

test('400 random arguments of 40 shapes: every statement is the one its own arguments compile to', () => {
  let seed = 20261205;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const leaf = (): Record<string, unknown> =>
    pick([
      () => ({ status: pick(['DRAFT', 'PUBLISHED', 'ARCHIVED']) }),
      () => ({ status: { in: ['DRAFT', 'PUBLISHED'].filter(() => random() < 0.5) } }),
      () => ({ publishedAt: pick([null, { not: null }, { lt: new Date(1_700_000_000_000) }]) }),
      () => ({ id: { in: [1, 2, 3, 4].filter(() => random() < 0.5) } }),
      () => ({ id: { notIn: [5, 6], gt: pick([0, 3]) } }),
      () => ({ language: pick(['en', 'de']) }),
      () => ({ bylines: { [pick(['some', 'none'])]: { personId: { in: [1, 2] } } } }),
      () => ({ personMentions: { some: { count: { gte: pick([1, 2]) } } } }),
    ])();
  const condition = (depth: number): Record<string, unknown> => {
    if (depth === 0 || random() < 0.35) return leaf();
    const parts = Array.from({ length: Math.floor(random() * 3) }, () => condition(depth - 1));
    return pick([
      () => ({ AND: parts }),
      () => ({ OR: parts }),
      () => ({ NOT: parts }),
      () => ({ ...leaf(), OR: parts }),
    ])();
  };
  const shapes = Array.from({ length: 40 }, () => ({
    select: { id: true, headline: random() < 0.5, bylines: random() < 0.5 && { select: { personId: true } } },
    where: condition(3),
    orderBy: [{ publishedAt: pick(['asc', 'desc']) }, { id: 'desc' }],
    take: pick([1, 20, 21]),
    ...(random() < 0.3 ? { skip: pick([0, 20]) } : {}),
  }));
  let compiled = 0;
  for (let index = 0; index < 400; index++) {
    const args = revalued(shapes[index % shapes.length], index) as FindManyArgs;
    const expected = compiledDirectly('Article', args);
    if (expected !== 'unsupported') compiled++;
    expect(fromCache('Article', args), JSON.stringify(args)).toStrictEqual(expected);
  }
  expect(compiled > 200, `only ${compiled} of 400 were compiled: the comparison would prove little`).toBeTruthy();
});

test("arguments fixed once (a planned page's selection) give the statements and values their copies give", () => {
  let seed = 20261206;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const selections = [
    { id: true, headline: true },
    {
      id: true,
      bylines: { select: { personId: true, person: { select: { name: true } } }, orderBy: { position: 'asc' } },
    },
    { id: true, section: { select: { slug: true } }, personMentions: { where: { count: { gte: 2 } }, take: 3 } },
    { id: true, bylines: { where: { role: 'Reporter', person: { slug: 'ana' } }, orderBy: [{ personId: 'desc' }] } },
  ];
  let compiled = 0;
  for (let index = 0; index < 200; index++) {
    const select = revalued(pick(selections), index) as Record<string, unknown>;
    const where = revalued(
      pick([{ slug: 'harbour' }, { AND: [{ publishedAt: { lte: new Date(1_700_000_000_000) } }, { id: { gt: 3 } }] }]),
      index,
    ) as Record<string, unknown>;
    const fixedSelect = fixedArguments(select) as Record<string, unknown>;
    const fixedWhere = fixedArguments(where) as Record<string, unknown>;
    expect(fixedSelect).toStrictEqual(select);
    expect(Object.isFrozen(fixedSelect) && fixedSelect !== select).toBe(true);
    const plain: FindManyArgs = { select, where, orderBy: { id: 'desc' }, take: pick([20, 21]) };
    const expected = compiledDirectly('Article', plain);
    if (expected !== 'unsupported') compiled++;
    // Fixed parts anywhere in the arguments, whole or in part, in the order the walk meets them.
    for (const args of [
      { ...plain, select: fixedSelect },
      { ...plain, select: fixedSelect, where: fixedWhere },
      { ...plain, where: { AND: [fixedWhere, { id: { lt: index + 1 } }] } },
      fixedArguments(plain) as FindManyArgs,
    ]) {
      // Compiled from an unfrozen copy, which the cache walks in full.
      expect(fromCache('Article', args), JSON.stringify(args)).toStrictEqual(
        compiledDirectly('Article', structuredClone(args)),
      );
    }
  }
  expect(compiled > 100, `only ${compiled} of 200 were compiled`).toBeTruthy();
});

test('only plain data is fixed, deeply frozen', () => {
  expect(fixedArguments({ select: { id: true }, where: { id: () => 1 } })).toBeUndefined();
  expect(fixedArguments({ where: { id: new Map() } })).toBeUndefined();
  const fixed = fixedArguments({ select: { bylines: { orderBy: [{ position: 'asc' }] } }, where: { at: new Date(5) } });
  if (!fixed) throw new Error('plain data was not fixed');
  expect(Object.isFrozen(fixed.select.bylines.orderBy[0])).toBe(true);
  expect(fixed.where.at).toStrictEqual(new Date(5));
  expect(() => {
    (fixed.select.bylines.orderBy as unknown[]).push({ id: 'asc' });
  }).toThrow(TypeError);
});

test("a statement of the caller's with the engine's list (jsonFindManyFrom): the text and values compiling each call gives", () => {
  // What jsonFindManyFrom sent before its lists and texts were kept by shape.
  const compiledEachCall = (args: FindManyArgs, source: IdSource) => {
    try {
      const chosen = { id: { in: new SqlArray(source.ids) } };
      const list = compileFindManyList('Article', {
        ...args,
        where: args.where ? { AND: [chosen, args.where] } : chosen,
      });
      const sql = Prisma.sql`WITH ${source.with} SELECT json_build_array(${source.beside}, ${list.sql})::text AS json`;
      return { text: sql.text, values: sql.values, name: statementNameFor(sql.text) };
    } catch (error) {
      if (error instanceof UnsupportedQuery) return 'unsupported';
      throw error;
    }
  };
  const fromCache = (args: FindManyArgs, source: IdSource) => {
    const statement = findManyFromStatement('Article', args, source);
    return statement ? { text: statement.text, values: statement.values, name: statement.name } : 'unsupported';
  };
  const sources = (salt: number): IdSource[] => [
    ...[true, false].flatMap((preview) =>
      [
        [{ articleId: 3 + salt, first: 5 }],
        [
          { articleId: 3 + salt, first: 5 },
          { articleId: 9, first: 2 + salt },
        ],
      ].map((keys) => ({
        with: relatedRankingWith(keys, { now: new Date(1_700_000_000_000 + salt), preview }),
        ids: RANKED_IDS,
        beside: RANKED_PAIRS,
      })),
    ),
    {
      with: Prisma.sql`ranked AS (SELECT ${salt + 1}::int AS other_id)`,
      ids: Prisma.sql`ARRAY(SELECT other_id FROM ranked)`,
      beside: Prisma.sql`${`x${salt}`}::text`,
    },
    // An id expression with a value of its own is compiled on every call.
    {
      with: Prisma.sql`ranked AS (SELECT 1 AS other_id)`,
      ids: Prisma.sql`ARRAY[${salt + 2}::int]`,
      beside: Prisma.sql`1`,
    },
  ];
  const queries: FindManyArgs[] = [
    { select: { id: true, slug: true } },
    {
      select: { id: true, headline: true, section: { select: { id: true, slug: true } } },
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date(1_700_000_000_000) } },
    },
    { include: { bylines: { include: { person: true }, orderBy: { position: 'asc' } } }, where: {} },
    { select: { id: true }, where: { OR: [{ slug: 'a' }, { id: { in: [1, 2] } }] } },
    { select: { id: true, _count: { select: { bylines: true } } } } as FindManyArgs,
  ];
  let compiled = 0;
  for (const round of [0, 0, 3, 11]) {
    for (const [index, source] of sources(round).entries()) {
      for (const query of queries) {
        const args = revalued(query, round) as FindManyArgs;
        const expected = compiledEachCall(args, source);
        if (expected !== 'unsupported') compiled++;
        expect(fromCache(args, source), `${index} ${JSON.stringify(args)}`).toStrictEqual(expected);
      }
    }
  }
  expect(compiled).toBe(4 * 6 * 4);
});

test("a list read inside its parent's row (NestedList): the text and values compiling each call gives", () => {
  // An organization by slug with a page of the articles that mention it, as the organization page reads it.
  const page = (round: number, selection: FindManyArgs, bound: boolean): FindManyArgs => ({
    ...selection,
    where: {
      AND: [
        { organizationMentions: { some: { organizationId: ENCLOSING_ID } } },
        { AND: [{ status: 'PUBLISHED', publishedAt: { lte: new Date(Date.UTC(2026, 0, 1 + round)) } }] },
        ...(bound
          ? [{ AND: [{ publishedAt: { lte: new Date(Date.UTC(2025, 5, round + 1)) } }, { id: { lt: 100 + round } }] }]
          : []),
      ],
    },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: 21,
  });
  const organization = (round: number, list: FindManyArgs): FindManyArgs => ({
    select: { id: true, slug: true, name: true, description: true, 'lede:list': new NestedList('Article', list) },
    where: { slug: `organization-${round}` },
    take: 1,
  });
  const selections: FindManyArgs[] = [
    { select: { id: true, slug: true, publishedAt: true, section: { select: { id: true, slug: true } } } },
    fixedArguments({ select: { id: true, headline: true, publishedAt: true } }) as FindManyArgs,
    {},
  ];
  for (const selection of selections) {
    for (const bound of [false, true]) {
      for (let round = 0; round < 4; round++) {
        const args = organization(round, page(round, selection, bound));
        const cached = fromCache('Organization', args);
        expect(cached).not.toBe('unsupported');
        expect(cached).toStrictEqual(compiledDirectly('Organization', args));
      }
    }
  }
  // The enclosing id anywhere but a nested list, a list nested in a nested list, or a nested list
  // under a field's name are refused.
  const refused: FindManyArgs[] = [
    { where: { id: ENCLOSING_ID } },
    organization(0, { select: { id: true, 'lede:more': new NestedList('Article', page(0, {}, false)) } }),
    { select: { id: true, slug: new NestedList('Article', page(0, {}, false)) } },
  ];
  for (const args of refused) expect(compiledDirectly('Organization', args)).toBe('unsupported');
  // The list's rows are decoded as its own statement's are: timestamps become dates.
  const { decode } = compileFindMany('Organization', organization(0, page(0, selections[0] as FindManyArgs, false)));
  const [row] = decode(
    JSON.stringify([
      {
        id: 1,
        slug: 'o',
        name: 'O',
        description: null,
        'lede:list': [{ id: 2, slug: 'a', publishedAt: '2026-01-01T00:00:00+00:00', section: { id: 3, slug: 's' } }],
      },
    ]),
  ) as { 'lede:list': { publishedAt: unknown }[] }[];
  expect(row?.['lede:list'][0]?.publishedAt).toStrictEqual(new Date('2026-01-01T00:00:00Z'));
});
