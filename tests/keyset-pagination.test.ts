import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../generated/prisma/client.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const ORDERS = ['NEWEST_FIRST', 'OLDEST_FIRST', 'HEADLINE', 'UPDATED_OLDEST_FIRST'] as const;
type Order = (typeof ORDERS)[number];

/** The orders as the database sorts them whole, to compare the pages against. */
const FULL_ORDER: Record<Order, Prisma.ArticleOrderByWithRelationInput[]> = {
  NEWEST_FIRST: [{ publishedAt: 'desc' }, { id: 'desc' }],
  OLDEST_FIRST: [{ publishedAt: 'asc' }, { id: 'asc' }],
  HEADLINE: [{ headline: 'asc' }, { id: 'asc' }],
  UPDATED_OLDEST_FIRST: [{ updatedAt: 'asc' }, { id: 'asc' }],
};

const PAGE = `
  query Page($slug: String!, $first: Int, $after: String, $last: Int, $before: String, $orderBy: ArticleOrder) {
    section(slug: $slug) {
      articles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
        edges { cursor node { slug } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }`;

const ALL_ARTICLES = `
  query All($first: Int, $after: String, $last: Int, $before: String, $orderBy: ArticleOrder!) {
    articles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      edges { cursor node { slug } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

type Connection = {
  edges: { cursor: string; node: { slug: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

const SECTION = 'keyset-desk';
const TIE = new Date('2026-03-01T12:00:00.000Z');

describe(`keyset pagination of article lists (${databaseKind})`, () => {
  let lede: TestGateway;
  let readerKey: string;
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway();
    readerKey = await lede.apiKey('READER');
    const prisma = lede.database.prisma;
    const section = await prisma.section.create({ data: { slug: SECTION, name: 'Keyset desk' } });
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 8, 0, 0));
    type Row = Omit<Prisma.ArticleCreateManyInput, 'body' | 'sectionId'>;
    const rows: Row[] = [];
    for (let i = 0; i < 14; i++) {
      rows.push({
        slug: `keyset-${i}`,
        // Ties: six articles share one publication time, pairs share a headline and an update time.
        publishedAt: i < 6 ? TIE : day(i),
        headline: `Keyset story ${String.fromCharCode(65 + Math.floor(i / 2))}`,
        updatedAt: day(Math.floor(i / 3)),
        status: 'PUBLISHED',
      });
    }
    rows.push(
      // Visible only in preview: unscheduled drafts (no publication time), an archived story, a scheduled one.
      { slug: 'keyset-draft-a', headline: 'Keyset draft', status: 'DRAFT', publishedAt: null, updatedAt: day(1) },
      { slug: 'keyset-draft-b', headline: 'Keyset draft', status: 'DRAFT', publishedAt: null, updatedAt: day(1) },
      { slug: 'keyset-draft-c', headline: 'Keyset draft C', status: 'DRAFT', publishedAt: null, updatedAt: day(9) },
      {
        slug: 'keyset-archived',
        headline: 'Keyset archived',
        status: 'ARCHIVED',
        publishedAt: day(3),
        updatedAt: day(3),
      },
      {
        slug: 'keyset-scheduled',
        headline: 'Keyset scheduled',
        status: 'PUBLISHED',
        publishedAt: new Date(Date.now() + 86_400_000),
        updatedAt: day(2),
      },
    );
    await prisma.article.createMany({
      data: rows.map((row) => ({ ...row, body: 'Text.', sectionId: section.id })),
    });
    const ties = await prisma.article.count({ where: { updatedAt: day(0), slug: { startsWith: 'keyset-' } } });
    expect(ties, 'explicit updatedAt values are kept, so the update order has ties').toBe(3);
  });

  /** The slugs the whole list holds, as the database sorts it in one query. */
  async function fullList(order: Order, preview: boolean, sectionOnly: boolean): Promise<string[]> {
    const rows = await lede.database.prisma.article.findMany({
      where: {
        ...(preview ? {} : { status: 'PUBLISHED', publishedAt: { lte: new Date() } }),
        ...(sectionOnly ? { section: { slug: SECTION } } : {}),
      },
      orderBy: FULL_ORDER[order],
      select: { slug: true },
    });
    return rows.map((row) => row.slug);
  }

  async function page(query: string, variables: Record<string, unknown>, preview: boolean): Promise<Connection> {
    const data = await lede.data(query, { slug: SECTION, ...variables }, preview ? { apiKey: readerKey } : {});
    return (data.section?.articles ?? data.articles) as Connection;
  }

  async function walk(
    query: string,
    order: Order,
    preview: boolean,
    direction: 'forwards' | 'backwards',
  ): Promise<string[]> {
    const seen: string[][] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const variables =
        direction === 'forwards'
          ? { first: 4, after: cursor, orderBy: order }
          : { last: 4, before: cursor, orderBy: order };
      const { edges, pageInfo }: Connection = await page(query, variables, preview);
      seen.push(edges.map((edge) => edge.node.slug));
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      if (direction === 'forwards') {
        expect(pageInfo.hasPreviousPage).toBe(cursor !== null);
        if (!pageInfo.hasNextPage) return seen.flat();
        cursor = pageInfo.endCursor;
      } else {
        expect(pageInfo.hasNextPage).toBe(cursor !== null);
        if (!pageInfo.hasPreviousPage) return seen.reverse().flat();
        cursor = pageInfo.startCursor;
      }
    }
    expect.unreachable('the list never ended');
  }

  for (const order of ORDERS) {
    for (const preview of [false, true]) {
      const who = preview ? 'in preview (drafts without a publication time too)' : 'anonymously';
      it(`pages a section ${order} ${who}, forwards and backwards, every article once and in order`, async () => {
        const expected = await fullList(order, preview, true);
        expect(expected.length > 8, 'the list spans several pages').toBeTruthy();
        expect(await walk(PAGE, order, preview, 'forwards')).toStrictEqual(expected);
        expect(await walk(PAGE, order, preview, 'backwards')).toStrictEqual(expected);
      });
    }
  }

  it('pages Query.articles in every order, forwards and backwards', async () => {
    for (const order of ORDERS) {
      const expected = await fullList(order, false, false);
      expect(await walk(ALL_ARTICLES, order, false, 'forwards'), order).toStrictEqual(expected);
      expect(await walk(ALL_ARTICLES, order, false, 'backwards'), order).toStrictEqual(expected);
    }
  });

  it('splits articles that share a publication time across pages without repeating or skipping one', async () => {
    const expected = await fullList('NEWEST_FIRST', false, true);
    const tied = await lede.database.prisma.article.findMany({ where: { publishedAt: TIE }, select: { slug: true } });
    const positions = tied.map((row) => expected.indexOf(row.slug)).sort((a, b) => a - b);
    expect(positions.length).toBe(6);
    expect(
      positions.some((position) => position % 4 === 3) && positions.some((position) => position % 4 === 0),
      'the tie straddles a page boundary of 4',
    ).toBeTruthy();
    expect(await walk(PAGE, 'NEWEST_FIRST', false, 'forwards')).toStrictEqual(expected);
  });

  it('gives the items between two cursors when both are given', async () => {
    const expected = await fullList('HEADLINE', false, true);
    const all = await page(PAGE, { first: 100, orderBy: 'HEADLINE' }, false);
    const between = await page(
      PAGE,
      { first: 3, after: all.edges[2]?.cursor, before: all.edges[9]?.cursor, orderBy: 'HEADLINE' },
      false,
    );
    expect(between.edges.map((edge) => edge.node.slug)).toStrictEqual(expected.slice(3, 6));
    const lastBetween = await page(
      PAGE,
      { last: 3, after: all.edges[2]?.cursor, before: all.edges[9]?.cursor, orderBy: 'HEADLINE' },
      false,
    );
    expect(lastBetween.edges.map((edge) => edge.node.slug)).toStrictEqual(expected.slice(6, 9));
  });

  it('continues after an article that was unpublished or deleted since its cursor was handed out', async () => {
    const prisma = lede.database.prisma;
    for (const change of ['unpublish', 'delete'] as const) {
      const first = await page(PAGE, { first: 3 }, false);
      const gone = first.edges.at(-1)?.node.slug as string;
      const next = await page(PAGE, { first: 3, after: first.pageInfo.endCursor }, false);
      const previous = await page(PAGE, { last: 2, before: next.pageInfo.startCursor }, false);
      if (change === 'unpublish') await prisma.article.update({ where: { slug: gone }, data: { status: 'DRAFT' } });
      else await prisma.article.delete({ where: { slug: gone } });

      const resumed = await page(PAGE, { first: 3, after: first.pageInfo.endCursor }, false);
      expect(resumed.edges, `${change}: the next page is unchanged`).toStrictEqual(next.edges);
      expect(resumed.pageInfo.hasPreviousPage).toBe(true);
      // Backwards from the next page, the article is simply missing.
      const back = await page(PAGE, { last: 2, before: next.pageInfo.startCursor }, false);
      expect(
        back.edges.map((edge) => edge.node.slug),
        change,
      ).toStrictEqual([first.edges.at(-3)?.node.slug, first.edges.at(-2)?.node.slug]);
      expect(!back.edges.some((edge) => edge.node.slug === gone)).toBeTruthy();
      expect(back.edges).not.toStrictEqual(previous.edges);
    }
  });

  it('keeps cursors from before keyset pagination working while their article is listed', async () => {
    const expected = await fullList('OLDEST_FIRST', false, true);
    const article = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: expected[4] } });
    const legacy = formatPrismaCursor({ id: article.id }, 'id');
    const next = await page(PAGE, { first: 3, after: legacy, orderBy: 'OLDEST_FIRST' }, false);
    expect(next.edges.map((edge) => edge.node.slug)).toStrictEqual(expected.slice(5, 8));

    const draft = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: 'keyset-draft-a' } });
    const hidden = await lede.execute(PAGE, { slug: SECTION, after: formatPrismaCursor({ id: draft.id }, 'id') });
    expect(hidden.errors?.[0]?.message ?? '').toMatch(
      /"after".*earlier version of this API.*start again without a cursor/,
    );
    expect(hidden.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects malformed cursors and cursors of another order with an error naming the argument', async () => {
    const { edges } = await page(PAGE, { first: 2, orderBy: 'HEADLINE' }, false);
    const headlineCursor = edges[1]?.cursor as string;
    const forge = (payload: string) => Buffer.from(payload).toString('base64url');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ after: 'not a cursor' }, /after: is not a cursor from this API/],
      [{ before: forge('A1:["NEWEST_FIRST","yesterday",3]') }, /before: is not a cursor from this API/],
      [{ after: forge('A1:["SHUFFLED","2026-01-01T00:00:00.000Z",3]') }, /after: is not a cursor from this API/],
      [{ after: forge('A1:["HEADLINE",null,3]') }, /after: is not a cursor from this API/],
      [{ after: forge('A1:["HEADLINE","x",-3]') }, /after: is not a cursor from this API/],
      [{ after: `${headlineCursor}==` }, /after: is not a cursor from this API/],
      [{ after: headlineCursor }, /"after".*list in HEADLINE order, but this one is in NEWEST_FIRST order/],
      [{ last: 2, before: headlineCursor, orderBy: 'OLDEST_FIRST' }, /"before".*HEADLINE order.*OLDEST_FIRST order/],
    ];
    for (const [variables, message] of cases) {
      const result = await lede.execute(PAGE, { slug: SECTION, ...variables });
      expect(result.errors?.[0]?.message ?? '', JSON.stringify(variables)).toMatch(message);
      expect(result.data?.section ?? null).toBe(null);
    }
    // Another connection, given an article list's cursor, says so rather than failing inside.
    const people = await lede.execute(
      'query ($after: String) { people(first: 2, after: $after) { edges { cursor } } }',
      {
        after: headlineCursor,
      },
    );
    expect(people.errors?.length).toBeTruthy();
    expect(people.errors?.[0]?.message ?? '').not.toMatch(/Unexpected error/);
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });

  it('reads a deep page with one bounded statement, like the first page', async () => {
    // The shared section tree is read again once it is a second old, which on a loaded machine may
    // fall between the two pages; it is no part of a page's cost, so it is left out of the count.
    const statementsFor = async (variables: Record<string, unknown>) => {
      await page(PAGE, variables, false);
      return lede.statements.filter((sql) => !/FROM "Section" t0\b/.test(sql));
    };
    const expected = await fullList('NEWEST_FIRST', false, true);
    const all = await page(PAGE, { first: 100 }, false);
    const deep = all.edges[expected.length - 3]?.cursor;
    const firstPage = await statementsFor({ first: 2 });
    const deepPage = await statementsFor({ first: 2, after: deep });
    expect(deepPage.length, 'a deep page runs as many statements as the first').toBe(firstPage.length);
    // Pages of articles are read by one statement of src/engine/json-find-many.ts, the table aliased t0.
    const articleSelects = deepPage.filter((sql) => /FROM "Article" t0 /.test(sql));
    expect(articleSelects.length, deepPage.join('\n')).toBe(1);
    const sql = articleSelects[0] as string;
    expect(sql).toMatch(/ORDER BY t0\."publishedAt" DESC, t0\."id" DESC LIMIT \d+/);
    // The position is compared with parameters, not looked up by a subquery on Article.
    expect(sql.match(/FROM "Article"/g)?.length, sql).toBe(1);
    const condition = sql.replace(/[()]|::timestamptz/g, '');
    // The bound that starts the index scan, then the position's tie broken by id; the equality keeps
    // the prepared statement on one generic plan (src/articles/keyset.ts).
    expect(condition, sql).toMatch(
      /t0\."publishedAt" <= \$\d+ AND t0\."publishedAt" < \$\d+ OR t0\."publishedAt" = \$\d+ AND t0\."id" < \$\d+/,
    );

    const tail = await page(PAGE, { first: 2, after: deep }, false);
    expect(tail.edges.map((edge) => edge.node.slug)).toStrictEqual(expected.slice(-2));
    expect(tail.pageInfo.hasNextPage).toBe(false);
  });

  it('reads no page when only totalCount is asked for', async () => {
    const result = await lede.data(`{ section(slug: "${SECTION}") { articles { totalCount } } }`);
    const statements = [...lede.statements];
    expect(result.section.articles.totalCount).toBe((await fullList('NEWEST_FIRST', false, true)).length);
    expect(
      statements.some((sql) => /^SELECT COUNT\(\*\)/.test(sql)),
      statements.join('\n'),
    ).toBeTruthy();
    expect(!statements.some((sql) => /ORDER BY "public"\."Article"/.test(sql)), statements.join('\n')).toBeTruthy();
  });
});
