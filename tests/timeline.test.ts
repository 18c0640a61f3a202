import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

type Month = { month: string; articles: number };

const TIMELINES = `query ($from: String, $to: String) {
  people(first: 100) { edges { node { id timeline(from: $from, to: $to) { month articles } } } }
  organizations(first: 100) { edges { node { id timeline(from: $from, to: $to) { month articles } } } }
}`;

const decodeId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

describe(`Person.timeline and Organization.timeline (${databaseKind})`, () => {
  let lede: TestGateway;
  let reader: string;
  let tracked: string;
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway();
    reader = await lede.apiKey('READER');
    const newsroom = await Newsroom.open(lede);
    const section = Buffer.from(`Section:${(await lede.database.prisma.section.findFirstOrThrow()).id}`).toString(
      'base64',
    );
    const person = await newsroom.person('Tess Tracked');
    tracked = (await lede.data(`query ($id: ID!) { node(id: $id) { ... on Person { slug } } }`, { id: person })).node
      .slug;
    // Two in January (one at 23:30 UTC on the 31st), none in February, one in March, one a year on;
    // a draft and an archived story are not counted.
    const at = ['2025-01-05T10:00:00Z', '2025-01-31T23:30:00Z', '2025-03-01T00:00:00Z', '2026-03-15T12:00:00Z'];
    for (const [index, publishedAt] of at.entries()) {
      await newsroom.article({ headline: `Tracked ${index}`, section, publishedAt, people: { [person]: 1 + index } });
    }
    await newsroom.article({ headline: 'Tracked draft', section, status: 'DRAFT', people: { [person]: 1 } });
  });

  const timeline = async (args: { from?: string; to?: string }, apiKey?: string): Promise<Month[]> => {
    const query = `query ($slug: String!, $from: String, $to: String) {
      person(slug: $slug) { timeline(from: $from, to: $to) { month articles } }
    }`;
    return (await lede.data(query, { slug: tracked, ...args }, { apiKey })).person.timeline;
  };

  it('counts mentioning articles per UTC month, oldest first, with empty months in between as 0', async () => {
    const months = await timeline({});
    expect(months.length).toBe(15);
    expect(months.slice(0, 3)).toStrictEqual([
      { month: '2025-01', articles: 2 },
      { month: '2025-02', articles: 0 },
      { month: '2025-03', articles: 1 },
    ]);
    expect(months.at(-1)).toStrictEqual({ month: '2026-03', articles: 1 });
    expect(months.reduce((sum, month) => sum + month.articles, 0)).toBe(4);
    expect(await timeline({}, reader), 'a draft has no month, even in preview').toStrictEqual(months);
  });

  it('keeps to the months between `from` and `to`, both included', async () => {
    expect(await timeline({ from: '2025-02', to: '2025-03' })).toStrictEqual([{ month: '2025-03', articles: 1 }]);
    expect(await timeline({ from: '2025-01', to: '2025-01' })).toStrictEqual([{ month: '2025-01', articles: 2 }]);
    expect(await timeline({ from: '2026-01' })).toStrictEqual([{ month: '2026-03', articles: 1 }]);
    expect(await timeline({ to: '2024-12' })).toStrictEqual([]);
  });

  it('matches a direct count of public articles for every person and organization', async () => {
    const prisma = lede.database.prisma;
    const now = new Date();
    const visible = { status: 'PUBLISHED' as const, publishedAt: { lte: now } };
    const count = (rows: { key: number; publishedAt: Date | null }[]) => {
      const counts = new Map<number, Map<string, number>>();
      for (const row of rows) {
        const month = row.publishedAt?.toISOString().slice(0, 7) as string;
        const map = counts.get(row.key) ?? new Map<string, number>();
        map.set(month, (map.get(month) ?? 0) + 1);
        counts.set(row.key, map);
      }
      return counts;
    };
    const people = count(
      (
        await prisma.personMention.findMany({
          where: { article: visible },
          select: { personId: true, article: { select: { publishedAt: true } } },
        })
      ).map((row) => ({ key: row.personId, publishedAt: row.article.publishedAt })),
    );
    const organizations = count(
      (
        await prisma.organizationMention.findMany({
          where: { article: visible },
          select: { organizationId: true, article: { select: { publishedAt: true } } },
        })
      ).map((row) => ({ key: row.organizationId, publishedAt: row.article.publishedAt })),
    );
    const data = await lede.data(TIMELINES, {});
    let months = 0;
    for (const [edges, expected] of [
      [data.people.edges, people],
      [data.organizations.edges, organizations],
    ] as const) {
      for (const { node } of edges as { node: { id: string; timeline: Month[] } }[]) {
        const want = expected.get(decodeId(node.id)) ?? new Map<string, number>();
        const nonZero = node.timeline.filter((month) => month.articles > 0);
        expect(nonZero, node.id).toStrictEqual(
          [...want.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, articles]) => ({ month, articles })),
        );
        const listed = node.timeline.map((month) => month.month);
        expect(listed, 'oldest first').toStrictEqual([...listed].sort());
        expect(new Set(listed).size, 'each month once').toBe(listed.length);
        months += nonZero.length;
      }
    }
    expect(months > 10, 'the sample content has timelines to compare').toBeTruthy();
  });

  it('refuses malformed months and a `to` before `from`', async () => {
    const query = `query ($from: String, $to: String) { person(slug: "elena-voss") { timeline(from: $from, to: $to) { month } } }`;
    for (const [variables, pattern] of [
      [{ from: '2025-13' }, /from.*YYYY-MM/],
      [{ to: 'March' }, /to.*YYYY-MM/],
      [{ from: '2025-1' }, /from.*YYYY-MM/],
      [{ from: '2025-05', to: '2025-04' }, /to.*before/],
    ] as const) {
      const result = await lede.execute(query, variables);
      expect(result.errors?.length, JSON.stringify(variables)).toBe(1);
      expect(result.errors?.[0]?.message ?? '').toMatch(pattern);
    }
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });

  it('loads timelines for a whole list in the same number of statements for 2 and 20 parents', async () => {
    const query = `query ($first: Int!) {
      people(first: $first) { edges { node { timeline { month articles } } } }
      organizations(first: $first) { edges { node { timeline(from: "2020-01") { month articles } } } }
    }`;
    await lede.data(query, { first: 2 });
    const few = lede.statements.length;
    const many = await lede.data(query, { first: 20 });
    expect(many.people.edges.length > 10 && many.organizations.edges.length > 10).toBeTruthy();
    expect(lede.statements.length, lede.statements.join('\n')).toBe(few);
  });
});
