import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const PAGE = `
  query Page($first: Int, $after: String, $last: Int, $before: String, $orderBy: ArticleOrder, $filter: ArticleFilter) {
    articles(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy, filter: $filter) {
      totalCount
      edges { cursor node { id slug headline publishedAt } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

type Page = {
  articles: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; slug: string; headline: string; publishedAt: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
};

describe(`articles (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  let publishedCount: number;

  beforeAll(async () => {
    lede = await startTestGateway();
    const section = await lede.database.prisma.section.findFirstOrThrow();
    // Content the public API must never show: a draft, an archived story and one scheduled for later.
    for (const [slug, status, publishedAt] of [
      ['draft-story', 'DRAFT', new Date('2026-01-01T00:00:00Z')],
      ['archived-story', 'ARCHIVED', new Date('2026-01-01T00:00:00Z')],
      ['embargoed-story', 'PUBLISHED', new Date(Date.now() + 86_400_000)],
    ] as const) {
      await lede.database.prisma.article.create({
        data: { slug, headline: `Hidden ${slug}`, body: 'Not yet.', status, publishedAt, sectionId: section.id },
      });
    }
    publishedCount = await lede.database.prisma.article.count({
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date() } },
    });
    expect(publishedCount >= 12, 'the sample content has at least 12 published articles').toBeTruthy();
  });

  it('lists published articles newest first with a total count and default page size', async () => {
    const { articles } = await lede.data<Page>(PAGE);
    expect(articles.totalCount).toBe(publishedCount);
    expect(articles.edges.length).toBe(Math.min(20, publishedCount));
    const times = articles.edges.map((edge) => Date.parse(edge.node.publishedAt));
    expect(times).toStrictEqual([...times].sort((a, b) => b - a));
    expect(
      articles.edges.every((edge) => !edge.node.slug.endsWith('-story')),
      'hidden articles stay hidden',
    ).toBeTruthy();
  });

  it('pages forwards and backwards with cursors, never repeating or skipping', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { articles }: Page = await lede.data<Page>(PAGE, { first: 5, after });
      seen.push(...articles.edges.map((edge) => edge.node.slug));
      expect(articles.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!articles.pageInfo.hasNextPage) break;
      after = articles.pageInfo.endCursor;
    }
    expect(seen.length).toBe(publishedCount);
    expect(new Set(seen).size).toBe(publishedCount);

    const { articles: lastThree } = await lede.data<Page>(PAGE, { last: 3 });
    expect(lastThree.edges.map((edge) => edge.node.slug)).toStrictEqual(seen.slice(-3));
    const { articles: beforeThose } = await lede.data<Page>(PAGE, { last: 2, before: lastThree.pageInfo.startCursor });
    expect(beforeThose.edges.map((edge) => edge.node.slug)).toStrictEqual(seen.slice(-5, -3));
  });

  it('sorts oldest first and by headline', async () => {
    const oldest = await lede.data<Page>(PAGE, { orderBy: 'OLDEST_FIRST', first: 100 });
    const times = oldest.articles.edges.map((edge) => Date.parse(edge.node.publishedAt));
    expect(times).toStrictEqual([...times].sort((a, b) => a - b));
    const byHeadline = await lede.data<Page>(PAGE, { orderBy: 'HEADLINE', first: 100 });
    const headlines = byHeadline.articles.edges.map((edge) => edge.node.headline);
    const expected = await lede.database.prisma.article.findMany({
      where: { status: 'PUBLISHED', publishedAt: { lte: new Date() } },
      orderBy: [{ headline: 'asc' }, { id: 'asc' }],
      select: { headline: true },
    });
    expect(headlines).toStrictEqual(expected.map((row) => row.headline));
  });

  it('filters by section with and without subsections', async () => {
    const { section } = await lede.data<{ section: { id: string; children: { id: string }[] } }>(
      '{ section(slug: "world") { id children { id } } }',
    );
    expect(section.children.length >= 2, 'World has subsections in the sample').toBeTruthy();
    const withSubsections = await lede.data<Page>(PAGE, { filter: { sections: [section.id] }, first: 100 });
    const ownOnly = await lede.data<Page>(PAGE, {
      filter: { sections: [section.id], includeSubsections: false },
      first: 100,
    });
    const children = await lede.data<Page>(PAGE, {
      filter: { sections: section.children.map((child) => child.id) },
      first: 100,
    });
    expect(children.articles.totalCount > 0).toBeTruthy();
    expect(withSubsections.articles.totalCount).toBe(withSubsections.articles.edges.length);
    const union = new Set([...ownOnly.articles.edges, ...children.articles.edges].map((edge) => edge.node.slug));
    expect(new Set(withSubsections.articles.edges.map((edge) => edge.node.slug))).toStrictEqual(union);
  });

  it('filters by author, mentioned person and organization, dates and language', async () => {
    const top = await lede.database.prisma.personMention.groupBy({
      by: ['personId'],
      _count: { articleId: true },
      orderBy: { _count: { articleId: 'desc' } },
      take: 1,
    });
    const personId = top[0]?.personId as number;
    const { node: person } = await lede.data<{ node: { id: string } }>(
      `{ node(id: "${Buffer.from(`Person:${personId}`).toString('base64')}") { id } }`,
    );
    const mentioning = await lede.data<Page>(PAGE, { filter: { mentionedPeople: [person.id] }, first: 100 });
    expect(mentioning.articles.totalCount).toBe(top[0]?._count.articleId);

    const byline = await lede.database.prisma.byline.findFirstOrThrow({ include: { person: true } });
    const authorId = Buffer.from(`Person:${byline.personId}`).toString('base64');
    const authored = await lede.data<Page>(PAGE, { filter: { authors: [authorId] }, first: 100 });
    const expectedAuthored = await lede.database.prisma.article.count({
      where: {
        status: 'PUBLISHED',
        publishedAt: { lte: new Date() },
        bylines: { some: { personId: byline.personId } },
      },
    });
    expect(authored.articles.totalCount).toBe(expectedAuthored);
    expect(expectedAuthored > 0).toBeTruthy();

    const mention = await lede.database.prisma.organizationMention.findFirstOrThrow();
    const organizationId = Buffer.from(`Organization:${mention.organizationId}`).toString('base64');
    const aboutOrganization = await lede.data<Page>(PAGE, {
      filter: { mentionedOrganizations: [organizationId] },
      first: 100,
    });
    expect(aboutOrganization.articles.edges.length > 0).toBeTruthy();

    const all = await lede.data<Page>(PAGE, { first: 100, orderBy: 'OLDEST_FIRST' });
    const middle = all.articles.edges[Math.floor(all.articles.edges.length / 2)]?.node.publishedAt as string;
    const after = await lede.data<Page>(PAGE, { filter: { publishedAfter: middle }, first: 100 });
    const before = await lede.data<Page>(PAGE, { filter: { publishedBefore: middle }, first: 100 });
    expect(after.articles.edges.every((edge) => edge.node.publishedAt > middle)).toBeTruthy();
    expect(before.articles.edges.every((edge) => edge.node.publishedAt < middle)).toBeTruthy();
    expect(after.articles.totalCount + before.articles.totalCount + 1).toBe(publishedCount);

    expect((await lede.data<Page>(PAGE, { filter: { language: 'en' } })).articles.totalCount).toBe(publishedCount);
    expect((await lede.data<Page>(PAGE, { filter: { language: 'xx' } })).articles.totalCount).toBe(0);
  });

  it('finds an article by slug with every rendering of its body', async () => {
    const row = await lede.database.prisma.article.findFirstOrThrow({
      where: { status: 'PUBLISHED' },
      include: { section: true },
    });
    const { article } = await lede.data(
      `query ($slug: String!) {
        article(slug: $slug) {
          id slug headline urlPath paragraphs text html markdown wordCount readingTimeMinutes
          short: excerpt(maxLength: 40) full: excerpt(maxLength: 2000)
          section { slug } otherSections { slug }
          bylines { role person { name } }
          mentionedPeople { mentionCount person { name } }
          mentionedOrganizations { mentionCount organization { name } }
        }
      }`,
      { slug: row.slug },
    );
    const paragraphs = row.body.split('\n\n');
    expect(article.paragraphs).toStrictEqual(paragraphs);
    expect(article.text).toBe(row.body);
    expect(article.html.split('\n').length).toBe(paragraphs.length);
    expect(article.html.startsWith('<p>') && article.html.endsWith('</p>')).toBeTruthy();
    expect(article.wordCount).toBe(row.wordCount);
    expect(article.readingTimeMinutes).toBe(Math.max(1, Math.ceil(row.wordCount / 230)));
    expect(article.short.length <= 40 && article.short.endsWith('…')).toBeTruthy();
    expect(article.urlPath.endsWith(`/${row.section.slug}/${row.slug}`)).toBeTruthy();
    expect(article.section.slug).toBe(row.section.slug);
    expect(article.bylines.length > 0).toBeTruthy();
    const counts = article.mentionedPeople.map((mention: { mentionCount: number }) => mention.mentionCount);
    expect(counts, 'most mentioned first').toStrictEqual([...counts].sort((a, b) => b - a));
  });

  it('answers null for unknown, draft, archived and embargoed slugs and IDs', async () => {
    for (const slug of ['no-such-story', 'draft-story', 'archived-story', 'embargoed-story']) {
      const { article } = await lede.data<{ article: null }>('query ($slug: String!) { article(slug: $slug) { id } }', {
        slug,
      });
      expect(article, slug).toBe(null);
    }
    const hidden = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: 'draft-story' } });
    const id = Buffer.from(`Article:${hidden.id}`).toString('base64');
    const { node } = await lede.data<{ node: null }>('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(node).toBe(null);
  });

  it('refetches any object by global ID with node and nodes', async () => {
    const { articles } = await lede.data<Page>(PAGE, { first: 3 });
    const ids = articles.edges.map((edge) => edge.node.id);
    const { nodes } = await lede.data<{ nodes: ({ id: string; headline?: string } | null)[] }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { headline } } }',
      { ids: [...ids, Buffer.from('Article:999999').toString('base64')] },
    );
    expect(nodes.map((node) => node?.id ?? null)).toStrictEqual([...ids, null]);
    expect(nodes[0]?.headline).toBe(articles.edges[0]?.node.headline);
  });

  describe('bad input gets a clear error naming the argument, and runs no SQL', () => {
    const cases: [string, string, Record<string, unknown>, RegExp][] = [
      ['page size above 100', PAGE, { first: 101 }, /first.*at most 100/],
      ['negative page size', PAGE, { last: -1 }, /last.*at least 1/],
      ['page size of 0', PAGE, { first: 0 }, /first.*at least 1/],
      ['a cursor that is not ours', PAGE, { after: 'bm90LWEtY3Vyc29y' }, /after.*not a cursor/],
      ['a malformed global ID', 'query ($id: ID!) { node(id: $id) { id } }', { id: '%%%' }, /"id".*not a global ID/],
      [
        'an ID of the wrong type in a filter',
        PAGE,
        { filter: { authors: [Buffer.from('Section:1').toString('base64')] } },
        /"filter\.authors\[0\]".*Section ID; expected Person/,
      ],
      [
        'more than 100 IDs',
        'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids: Array.from({ length: 101 }, () => 'x') },
        /ids.*at most 100/,
      ],
      [
        'an excerpt length of 0',
        '{ articles(first: 1) { edges { node { excerpt(maxLength: 0) } } } }',
        {},
        /maxLength/,
      ],
    ];
    for (const [name, query, variables, message] of cases) {
      it(name, async () => {
        const result = await lede.execute(query, variables);
        expect(result.errors?.length, 'an error is returned').toBeTruthy();
        expect(result.errors?.[0]?.message ?? '').toMatch(message);
        expect(result.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        if (!/excerpt/.test(query)) {
          expect(lede.statements, 'no SQL ran').toStrictEqual([]);
        }
      });
    }
  });

  it('masks unexpected errors for clients and logs them on the server', async () => {
    const before = lede.unexpectedErrors.length;
    // A list's count is read through Prisma (its pages are not: src/engine/json-find-many.ts).
    const original = lede.database.prisma.article.count;
    lede.database.prisma.article.count = (() => Promise.reject(new Error('secret connection detail'))) as never;
    try {
      const result = await lede.execute('{ articles { totalCount } }');
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(result)).not.toMatch(/secret connection detail/);
    } finally {
      lede.database.prisma.article.count = original;
    }
    expect(lede.unexpectedErrors.length).toBe(before + 1);
    expect(String(lede.unexpectedErrors.at(-1))).toMatch(/secret connection detail/);
  });
});
