import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

type Kind = 'Person' | 'Organization';
type Entry = {
  sharedArticles: number;
  person?: { slug: string; name: string };
  organization?: { slug: string; name: string };
};

const ENTITY = `slug
  coMentionedPeople(first: 50) { sharedArticles person { slug name } }
  coMentionedOrganizations(first: 50) { sharedArticles organization { slug name } }`;
const ALL = `{
  people(first: 100) { edges { node { ${ENTITY} } } }
  organizations(first: 100) { edges { node { ${ENTITY} } } }
}`;

const MENTION = {
  Person: { table: '"PersonMention"', column: '"personId"', entity: '"Person"' },
  Organization: { table: '"OrganizationMention"', column: '"organizationId"', entity: '"Organization"' },
};

/** Lowercased, then as written, by code point: the documented tie-break on names. */
const byName = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

describe(`coMentionedPeople and coMentionedOrganizations (${databaseKind})`, () => {
  let lede: TestGateway;
  let reader: string;
  afterAll(() => lede?.close());

  beforeAll(async () => {
    // ALL compares every pair at once: 100 entities × 100 entries is over the default cost limit.
    lede = await startTestGateway({ limits: { maxCost: 100_000 } });
    reader = await lede.apiKey('READER');
    // A draft that names two people together: hidden from the public counts, shown in preview.
    const newsroom = await Newsroom.open(lede);
    const prisma = lede.database.prisma;
    const section = Buffer.from(`Section:${(await prisma.section.findFirstOrThrow()).id}`).toString('base64');
    const [first, second] = await prisma.person.findMany({ orderBy: { id: 'asc' }, take: 2 });
    const id = (value: number) => Buffer.from(`Person:${value}`).toString('base64');
    await newsroom.article({
      headline: 'Unpublished Meeting',
      section,
      status: 'DRAFT',
      people: { [id(first?.id as number)]: 1, [id(second?.id as number)]: 1 },
    });
  });

  /** Shared visible articles for every pair, counted straight from the tables: slug → slug → count. */
  const directCounts = async (from: Kind, to: Kind, preview: boolean) => {
    const [mine, theirs] = [MENTION[from], MENTION[to]];
    const rows = await lede.database.prisma.$queryRawUnsafe<{ source: string; other: string; shared: bigint }[]>(`
      SELECT s."slug" AS source, o."slug" AS other, count(DISTINCT a."id") AS shared
      FROM ${mine.table} m1
      JOIN ${theirs.table} m2 ON m2."articleId" = m1."articleId"
      JOIN "Article" a ON a."id" = m1."articleId"
      JOIN ${mine.entity} s ON s."id" = m1.${mine.column}
      JOIN ${theirs.entity} o ON o."id" = m2.${theirs.column}
      WHERE (${preview} OR (a."status" = 'PUBLISHED' AND a."publishedAt" <= now()))
        AND NOT (${from === to} AND s."id" = o."id")
      GROUP BY s."slug", o."slug"`);
    const counts = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const map = counts.get(row.source) ?? new Map();
      map.set(row.other, Number(row.shared));
      counts.set(row.source, map);
    }
    return counts;
  };

  const check = async (preview: boolean) => {
    const data = await lede.data(ALL, {}, { apiKey: preview ? reader : undefined });
    let compared = 0;
    for (const [from, list] of [
      ['Person', data.people.edges],
      ['Organization', data.organizations.edges],
    ] as const) {
      for (const to of ['Person', 'Organization'] as const) {
        const expected = await directCounts(from, to, preview);
        for (const { node } of list as { node: Record<string, unknown> & { slug: string } }[]) {
          const entries = node[to === 'Person' ? 'coMentionedPeople' : 'coMentionedOrganizations'] as Entry[];
          const actual = entries.map((entry) => {
            const other = (entry.person ?? entry.organization) as { slug: string; name: string };
            return { slug: other.slug, name: other.name, shared: entry.sharedArticles };
          });
          const want = expected.get(node.slug) ?? new Map<string, number>();
          expect(actual.length, `${from} ${node.slug} → ${to}`).toBe(Math.min(50, want.size));
          for (const entry of actual) {
            expect(entry.shared, `${from} ${node.slug} with ${entry.slug}`).toBe(want.get(entry.slug));
            expect(from === to && entry.slug === node.slug, `${node.slug} lists itself`).not.toBe(true);
          }
          for (let index = 1; index < actual.length; index++) {
            const [before, current] = [actual[index - 1], actual[index]] as [(typeof actual)[0], (typeof actual)[0]];
            expect(
              before.shared > current.shared ||
                (before.shared === current.shared && byName(before.name, current.name) < 0),
              `${node.slug}: ${before.slug} (${before.shared}) before ${current.slug} (${current.shared})`,
            ).toBeTruthy();
          }
          compared += actual.length;
        }
      }
    }
    return compared;
  };

  it('counts shared public articles exactly as a direct SQL count does, most shared first, then by name', async () => {
    expect((await check(false)) > 20, 'the sample content has co-mentions to compare').toBeTruthy();
  });

  it('counts drafts only with an API key', async () => {
    expect((await check(true)) > 20).toBeTruthy();
    const prisma = lede.database.prisma;
    const [first, second] = await prisma.person.findMany({ orderBy: { id: 'asc' }, take: 2 });
    const query = `query ($slug: String!) { person(slug: $slug) { coMentionedPeople(first: 50) { sharedArticles person { slug } } } }`;
    const shared = async (apiKey?: string) => {
      const { person } = await lede.data(query, { slug: first?.slug }, { apiKey });
      return (
        person.coMentionedPeople.find((entry: { person: { slug: string } }) => entry.person.slug === second?.slug)
          ?.sharedArticles ?? 0
      );
    };
    expect(await shared(reader)).toBe((await shared()) + 1);
  });

  it('takes the first entries only, and refuses `first` outside 1 to 50', async () => {
    const query = `query ($first: Int!) { organization(slug: "harbourview-city-council") {
      all: coMentionedPeople(first: 50) { person { slug } }
      some: coMentionedPeople(first: $first) { person { slug } }
    } }`;
    const { organization } = await lede.data(query, { first: 2 });
    expect(organization.all.length > 2).toBeTruthy();
    expect(organization.some).toStrictEqual(organization.all.slice(0, 2));
    for (const first of [0, 51]) {
      const result = await lede.execute(query, { first });
      expect(result.errors?.[0]?.message ?? '').toMatch(/first/);
    }
  });

  it('loads co-mentions for a whole list in the same number of statements for 2 and 20 parents', async () => {
    for (const list of ['people', 'organizations']) {
      const query = `query ($first: Int!) { ${list}(first: $first) { edges { node {
        coMentionedPeople(first: 5) { sharedArticles person { name } }
        coMentionedOrganizations(first: 5) { sharedArticles organization { name } }
      } } } }`;
      await lede.data(query, { first: 2 });
      const few = lede.statements.length;
      const many = await lede.data(query, { first: 20 });
      expect(many[list].edges.length > 10).toBeTruthy();
      expect(lede.statements.length, `${list}:\n${lede.statements.join('\n')}`).toBe(few);
    }
  });
});
