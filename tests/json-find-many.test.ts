import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { articlesBeyond } from '../src/articles/keyset.ts';
import { type ArticleFilter, articleOrderBy, articleWhere } from '../src/articles/query.ts';
import { jsonFindMany } from '../src/engine/json-find-many.ts';
import { compileFindMany, UnsupportedQuery } from '../src/engine/json-statement.ts';
import { ARTICLE_COLUMNS } from '../src/schema/article.ts';
import { SectionTree } from '../src/sections/tree.ts';
import { projectRoot } from '../src/shared/project-root.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

type Args = Parameters<typeof jsonFindMany>[2];

/** What Pothos plans for the benchmark's front page (captured from a run): the list the change is for. */
const FRONT_PAGE_SELECT = {
  section: true,
  bylines: {
    orderBy: [{ position: 'asc' }, { personId: 'asc' }],
    select: { person: { select: { id: true, slug: true, name: true } }, articleId: true, personId: true, role: true },
  },
  organizationMentions: {
    orderBy: [{ count: 'desc' }, { organizationId: 'asc' }],
    select: {
      organization: { select: { id: true, slug: true, name: true } },
      articleId: true,
      organizationId: true,
      count: true,
    },
  },
  ...ARTICLE_COLUMNS,
};

/** An article page's selection: the body, bylines with the people's descriptions, both kinds of mention. */
const ARTICLE_PAGE_SELECT = {
  ...FRONT_PAGE_SELECT,
  body: true,
  bylines: {
    orderBy: [{ position: 'asc' }, { personId: 'asc' }],
    select: { role: true, person: { select: { id: true, slug: true, name: true, description: true, aliases: true } } },
  },
  personMentions: {
    orderBy: [{ count: 'desc' }, { personId: 'asc' }],
    select: { count: true, spans: true, person: { select: { id: true, slug: true, name: true } } },
  },
  otherSections: { select: { section: true } },
  formerSlugs: { select: { slug: true }, orderBy: { createdAt: 'asc' } },
  leadImage: true,
};

describe(`findMany as one JSON statement (${databaseKind})`, () => {
  let lede: TestGateway;
  let prisma: PrismaClient;
  let tree: SectionTree;
  const now = new Date();
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway();
    prisma = lede.database.prisma;
    tree = new SectionTree(await prisma.section.findMany());
    // Data the sample content lacks: a lead image (Float focal point), a former slug, a second
    // section, an affiliation (dates), a draft and an unscheduled draft (NULL publishedAt).
    const [first, second, third] = await prisma.article.findMany({ orderBy: { id: 'asc' }, take: 3 });
    expectTruthy(first && second && third, 'the sample content has articles');
    const image = await prisma.image.create({
      data: {
        contentHash: 'a'.repeat(64),
        format: 'jpeg',
        width: 1200,
        height: 800,
        byteSize: 1234,
        focalX: 0.25,
        focalY: 0.5,
        placeholder: 'AAAA',
      },
    });
    await prisma.article.update({ where: { id: first.id }, data: { leadImageId: image.id } });
    await prisma.articleSlugRedirect.create({ data: { slug: `${first.slug}-old`, articleId: first.id } });
    const otherSection = (await prisma.section.findMany()).find((section) => section.id !== first.sectionId);
    expectTruthy(otherSection);
    await prisma.articleSection.create({ data: { articleId: first.id, sectionId: otherSection.id } });
    await prisma.article.update({ where: { id: second.id }, data: { status: 'DRAFT' } });
    await prisma.article.update({ where: { id: third.id }, data: { status: 'DRAFT', publishedAt: null } });
    const [person] = await prisma.person.findMany({ take: 1, orderBy: { id: 'asc' } });
    const [organization] = await prisma.organization.findMany({ take: 1, orderBy: { id: 'asc' } });
    expectTruthy(person && organization);
    await prisma.affiliation.create({
      data: {
        personId: person.id,
        organizationId: organization.id,
        role: 'Spokesperson',
        since: new Date('2020-03-01T00:00:00.000Z'),
      },
    });
  });

  /** Both ways of running `args` on `model` give the same rows, and those rows are not nothing. */
  async function assertSame(model: 'Article' | 'Person' | 'Section' | 'Organization', args: Args, minimum = 1) {
    compileFindMany(model, args); // throws if the arguments are not compiled, so no fallback hides a gap
    const delegate = (prisma as unknown as Record<string, { findMany: (args: Args) => Promise<unknown[]> }>)[
      model[0]?.toLowerCase() + model.slice(1)
    ];
    const expected = await delegate?.findMany(args);
    lede.statements.length = 0;
    const actual = await jsonFindMany(prisma, model, args);
    expect(lede.statements.length, 'one statement').toBe(1);
    expect(actual).toStrictEqual(expected);
    expect(
      (expected?.length ?? 0) >= minimum,
      `expected at least ${minimum} rows, got ${expected?.length}: the comparison would prove little`,
    ).toBeTruthy();
    return actual as Record<string, unknown>[];
  }

  const visible = { now, preview: false };

  it('the front page: the planned selection, newest first, a page of 21', async () => {
    const rows = await assertSame('Article', {
      select: FRONT_PAGE_SELECT,
      where: articleWhere({}, visible, undefined),
      orderBy: articleOrderBy('NEWEST_FIRST'),
      take: 21,
    });
    expectTruthy(
      rows.some((row) => (row.bylines as unknown[]).length > 1),
      'some article has several bylines',
    );
    expect(rows[0]?.publishedAt instanceof Date, 'timestamps come back as Dates').toBeTruthy();
  });

  it('an article page: body, descriptions, aliases, spans, other sections, former slugs and the lead image', async () => {
    const rows = await assertSame('Article', { select: ARTICLE_PAGE_SELECT, orderBy: { id: 'asc' } }, 10);
    const withImage = rows.find((row) => row.leadImage !== null) as { leadImage: { focalX: number } } | undefined;
    expect(withImage?.leadImage.focalX).toBe(0.25);
    expectTruthy(rows.some((row) => (row.otherSections as unknown[]).length === 1));
    expectTruthy(rows.some((row) => (row.formerSlugs as unknown[]).length === 1));
  });

  it('every filter of an article list, for anonymous clients and in preview', async () => {
    const articles = await prisma.article.findMany({
      include: { bylines: true, personMentions: true, organizationMentions: true },
      where: { status: 'PUBLISHED' },
      orderBy: { id: 'asc' },
    });
    const sample = articles.find((article) => article.personMentions.length > 0 && article.bylines.length > 0);
    expectTruthy(sample, 'an article with bylines and people mentioned');
    const mentioned = articles.find((article) => article.organizationMentions.length > 0);
    expectTruthy(mentioned);
    const times = articles.map((article) => article.publishedAt?.getTime() ?? 0).sort((a, b) => a - b);
    const middle = new Date(times[Math.floor(times.length / 2)] as number);
    const parent = tree.roots().find((root) => tree.children(root.id).length > 0) ?? tree.roots()[0];
    expectTruthy(parent);
    const filters: [ArticleFilter, number][] = [
      [{}, 5],
      [{ sectionIds: [parent.id] }, 1],
      [{ sectionIds: [parent.id], includeSubsections: false }, 0],
      [{ authorIds: [sample.bylines[0]?.personId as number] }, 1],
      [{ mentionedPersonIds: [sample.personMentions[0]?.personId as number] }, 1],
      [{ mentionedOrganizationIds: [mentioned.organizationMentions[0]?.organizationId as number] }, 1],
      [{ publishedAfter: middle }, 1],
      [{ publishedBefore: middle }, 1],
      [{ language: 'en' }, 1],
      [{ updatedSince: middle }, 0],
      [{ authorIds: [], mentionedOrganizationIds: [-1] }, 0],
    ];
    for (const preview of [false, true]) {
      for (const [filter, minimum] of filters) {
        await assertSame(
          'Article',
          {
            select: { id: true, slug: true, publishedAt: true, status: true },
            where: articleWhere(filter, { now, preview }, tree),
            orderBy: articleOrderBy('NEWEST_FIRST'),
            take: 50,
          },
          minimum,
        );
      }
    }
  });

  it('keyset bounds in every order, both directions, around a NULL position too', async () => {
    const all = await prisma.article.findMany({ orderBy: { id: 'asc' } });
    const pivot = all[Math.floor(all.length / 2)];
    const unscheduled = all.find((article) => article.publishedAt === null);
    expectTruthy(pivot && unscheduled);
    const orders = [
      ['NEWEST_FIRST', 'publishedAt'],
      ['OLDEST_FIRST', 'publishedAt'],
      ['HEADLINE', 'headline'],
      ['UPDATED_OLDEST_FIRST', 'updatedAt'],
    ] as const;
    // A bound may leave nothing beyond it; most must not, or the comparisons prove little.
    let pages = 0;
    let nonEmpty = 0;
    for (const [order, field] of orders) {
      for (const side of ['after', 'before'] as const) {
        for (const [row, nullsVisible] of [
          [pivot, true],
          [pivot, false],
          [unscheduled, true],
        ] as const) {
          const bound = articlesBeyond({ order, value: row[field], id: row.id }, side, nullsVisible);
          const rows = await assertSame(
            'Article',
            {
              select: { id: true, headline: true, publishedAt: true, updatedAt: true },
              where: { AND: [{}, bound] },
              orderBy: articleOrderBy(order, side === 'before'),
              take: 5,
            },
            0,
          );
          pages += 1;
          if (rows.length > 0) nonEmpty += 1;
        }
      }
    }
    expect(nonEmpty >= pages / 2, `only ${nonEmpty} of ${pages} keyset pages held articles`).toBeTruthy();
  });

  it('include mode, relations given as true, nested pages and nested filters', async () => {
    await assertSame('Article', { orderBy: { id: 'asc' }, take: 3 }, 3);
    await assertSame(
      'Article',
      {
        include: {
          section: true,
          bylines: { include: { person: true }, orderBy: [{ position: 'asc' }, { personId: 'asc' }] },
          organizationMentions: { orderBy: { organizationId: 'asc' } },
        },
        orderBy: { id: 'asc' },
        skip: 2,
        take: 4,
      },
      4,
    );
    await assertSame(
      'Article',
      {
        select: {
          id: true,
          bylines: { take: 1, skip: 1, orderBy: { position: 'asc' }, select: { personId: true, position: true } },
          personMentions: { where: { count: { gte: 2 } }, orderBy: [{ count: 'desc' }, { personId: 'asc' }] },
          organizationMentions: { where: { NOT: { count: 1 } }, orderBy: { organizationId: 'asc' } },
        },
        orderBy: { id: 'desc' },
      },
      10,
    );
  });

  it('the operators our conditions use: OR, NOT, none, in, notIn, equals null, not null, enum values', async () => {
    const where: Prisma.ArticleWhereInput[] = [
      { OR: [{ status: 'DRAFT' }, { publishedAt: null }] },
      { NOT: [{ status: 'PUBLISHED' }] },
      { NOT: [{ status: 'PUBLISHED' }, { publishedAt: null }] },
      { NOT: { status: 'DRAFT', publishedAt: null } },
      { AND: [{}, { OR: [{ id: { gt: 2, lte: 8 } }] }] },
      { bylines: { none: {} } },
      { bylines: { some: { role: { in: ['AUTHOR', 'EDITOR'] } } } },
      { id: { notIn: [1, 2, 3] }, publishedAt: { not: null } },
      { publishedAt: { equals: null } },
      { status: { in: ['DRAFT', 'ARCHIVED'] } },
    ];
    let nonEmpty = 0;
    for (const condition of where) {
      const args = { select: { id: true, status: true }, where: condition, orderBy: { id: 'asc' as const } };
      if ((await assertSame('Article', args, 0)).length > 0) nonEmpty += 1;
    }
    expect(
      nonEmpty >= where.length / 2,
      `only ${nonEmpty} of ${where.length} conditions matched articles`,
    ).toBeTruthy();
  });

  it('agrees with Prisma on 150 random conditions built from the operators it compiles', async () => {
    // A seeded generator, so a failure names a condition that can be run again.
    let seed = 20261129;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const ids = (await prisma.article.findMany({ select: { id: true } })).map((row) => row.id);
    const people = (await prisma.person.findMany({ select: { id: true } })).map((row) => row.id);
    const someOf = <T>(items: readonly T[]) => items.filter(() => random() < 0.3);
    const leaf = (): Prisma.ArticleWhereInput =>
      pick([
        () => ({ status: pick(['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const) }),
        () => ({ status: { in: someOf(['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const) } }),
        () => ({ publishedAt: pick([null, { not: null }, { lt: now }, { gte: new Date('2025-06-01T00:00:00Z') }]) }),
        () => ({ id: { in: someOf(ids) } }),
        () => ({ id: { notIn: someOf(ids), gt: pick(ids) } }),
        () => ({ id: { lte: pick(ids) } }),
        () => ({ language: pick(['en', 'de']) }),
        () => ({ bylines: { [pick(['some', 'none'])]: { personId: { in: someOf(people) } } } }),
        () => ({ personMentions: { some: { count: { gte: pick([1, 2, 3]) } } } }),
      ])();
    const condition = (depth: number): Prisma.ArticleWhereInput => {
      if (depth === 0 || random() < 0.35) return leaf();
      const parts = Array.from({ length: Math.floor(random() * 3) }, () => condition(depth - 1));
      return pick([
        () => ({ AND: parts }),
        () => ({ OR: parts }),
        () => ({ NOT: parts }),
        () => ({ NOT: parts[0] ?? leaf() }),
        () => ({ ...leaf(), OR: parts }),
      ])();
    };
    let nonEmpty = 0;
    let compiled = 0;
    for (let i = 0; i < 150; i++) {
      const where = condition(3);
      const args = { select: { id: true }, where, orderBy: { id: 'asc' as const } };
      const expected = await prisma.article.findMany(args);
      // Conditions with an empty list go to Prisma (see the previous test); the rest are compiled.
      try {
        compileFindMany('Article', args);
        compiled += 1;
      } catch (error) {
        if (!(error instanceof UnsupportedQuery)) throw error;
      }
      expect(await jsonFindMany(prisma, 'Article', args), JSON.stringify(where)).toStrictEqual(expected);
      if (expected.length > 0 && expected.length < ids.length) nonEmpty += 1;
    }
    expect(compiled > 75, `only ${compiled} of 150 conditions were compiled`).toBeTruthy();
    expect(nonEmpty > 30, `only ${nonEmpty} conditions selected some but not all articles`).toBeTruthy();
  });

  it('other models: people with affiliations (dates), the section tree both ways', async () => {
    const people = await assertSame('Person', {
      include: { affiliations: { include: { organization: true } } },
      orderBy: { id: 'asc' },
    });
    expect(people.some((person) => (person.affiliations as unknown[]).length > 0)).toBeTruthy();
    await assertSame('Section', {
      include: { parent: true, children: { orderBy: { id: 'asc' } } },
      orderBy: { id: 'asc' },
    });
    await assertSame('Organization', {
      select: { id: true, name: true, aliases: true, parent: true, children: { orderBy: { id: 'asc' } } },
      orderBy: { id: 'asc' },
    });
  });

  it('hands what it does not compile to Prisma, with the same result', async () => {
    const unsupported: Args[] = [
      { select: { id: true, _count: { select: { bylines: true } } } },
      { where: { headline: { contains: 'a' } } },
      { where: { section: { is: { slug: 'news' } } } },
      { orderBy: { section: { name: 'asc' } } },
      { cursor: { id: 2 }, take: 2 } as Args,
      { distinct: ['sectionId'] } as Args,
      { where: { publishedAt: { not: new Date() } } },
      { take: -2, orderBy: { id: 'asc' } },
      // Empty conditions whose meaning in Prisma depends on where they stand.
      { where: { NOT: [] } },
      { where: { OR: [] } },
      { where: { OR: [{ id: 1 }, { NOT: [] }] } },
      { where: { OR: [{ id: 1 }, {}] } },
      { where: { NOT: {} } },
      { where: { id: {} } },
    ];
    for (const args of unsupported) {
      expect(() => compileFindMany('Article', args), JSON.stringify(args)).toThrow(UnsupportedQuery);
      const expected = await prisma.article.findMany(args as Prisma.ArticleFindManyArgs);
      expect(await jsonFindMany(prisma, 'Article', args)).toStrictEqual(expected);
    }
  });

  it("runs on the client's connections without Prisma's engine, and on a transaction's through Prisma", async () => {
    const args = { select: { id: true, headline: true }, orderBy: { id: 'asc' as const }, take: 1 };
    const original = prisma.$queryRaw;
    prisma.$queryRaw = (() => Promise.reject(new Error('$queryRaw was called'))) as never;
    let first: { id: number; headline: string } | undefined;
    try {
      [first] = await jsonFindMany<{ id: number; headline: string }>(prisma, 'Article', args);
    } finally {
      prisma.$queryRaw = original;
    }
    expectTruthy(first, 'the first article was read');
    // Inside an interactive transaction the statement must see the transaction's own writes.
    const rollback = new Error('roll back');
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.article.update({ where: { id: first.id }, data: { headline: 'Changed in the transaction' } });
        const [seen] = await jsonFindMany<{ headline: string }>(tx as PrismaClient, 'Article', args);
        expect(seen?.headline).toBe('Changed in the transaction');
        throw rollback;
      }),
    ).rejects.toThrow(rollback);
    const [afterwards] = await jsonFindMany<{ headline: string }>(prisma, 'Article', args);
    expect(afterwards?.headline).toBe(first.headline);
  });

  it('passes values as parameters, never into the SQL text', () => {
    const hostile = `x'); DROP TABLE "Article"; --`;
    const { sql } = compileFindMany('Article', {
      select: { id: true },
      where: { slug: hostile, bylines: { some: { role: { in: [hostile] } } } },
    });
    expect(!sql.sql.includes('DROP TABLE')).toBeTruthy();
    expect(sql.values.includes(hostile)).toBeTruthy();
  });

  it("rests on the schema's naming: no @map, every relation referencing an id", () => {
    const schema = readFileSync(`${projectRoot}/schema.prisma`, 'utf8');
    expect(schema, 'jsonFindMany writes model and field names as table and column names').not.toMatch(/@@?map\(/);
    const references = [...schema.matchAll(/references:\s*\[([^\]]*)\]/g)].map((match) => match[1]?.trim());
    expect(references.length > 10).toBeTruthy();
    expect(new Set(references), 'jsonFindMany joins on the target id').toStrictEqual(new Set(['id']));
  });
});
