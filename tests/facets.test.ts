import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

type Facet = { count: number };
type Facets = {
  sections: (Facet & { section: { id: string; name: string } })[];
  people: (Facet & { person: { id: string; name: string } })[];
  authors: (Facet & { person: { id: string; name: string } })[];
  organizations: (Facet & { organization: { id: string; name: string } })[];
  months: (Facet & { month: string })[];
};

const FACETS = `
  query Facets($filter: ArticleFilter, $query: String, $limit: Int!) {
    facets(filter: $filter, query: $query) {
      sections(limit: $limit) { count section { id name } }
      people(limit: $limit) { count person { id name } }
      authors(limit: $limit) { count person { id name } }
      organizations(limit: $limit) { count organization { id name } }
      months(limit: $limit) { count month }
    }
  }`;

describe(`facets (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
    const prisma = lede.database.prisma;
    const section = await prisma.section.findFirstOrThrow({ where: { slug: 'local' } });
    await prisma.article.create({
      data: { slug: 'facet-draft', headline: 'Draft About The Port', body: 'Port port port.', sectionId: section.id },
    });
  });

  const facets = async (variables: Record<string, unknown>, apiKey?: string) =>
    (await lede.data<{ facets: Facets }>(FACETS, { limit: 50, ...variables }, { apiKey })).facets;

  /** How many articles `articles` (or `search`, with a query) finds for the filter. */
  const direct = async (filter: Record<string, unknown>, query?: string, apiKey?: string) => {
    const result = query
      ? await lede.data(
          'query ($q: String!, $f: ArticleFilter) { list: search(query: $q, filter: $f) { totalCount } }',
          { q: query, f: filter },
          { apiKey },
        )
      : await lede.data(
          'query ($f: ArticleFilter) { list: articles(filter: $f) { totalCount } }',
          { f: filter },
          { apiKey },
        );
    return result.list.totalCount as number;
  };

  const monthRange = (month: string) => {
    const start = new Date(`${month}-01T00:00:00Z`);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 1);
    return { publishedAfter: new Date(start.getTime() - 1).toISOString(), publishedBefore: end.toISOString() };
  };

  /**
   * Every facet value's count equals a direct count of the filter narrowed by that value (for the
   * kinds the filter does not set already: a filter list matches any of its values, not all).
   */
  const checkAgainstDirectCounts = async (filter: Record<string, unknown>, query?: string, apiKey?: string) => {
    const result = await facets({ filter, query }, apiKey);
    const unset = <T>(key: string, values: T[]): T[] => (key in filter ? [] : values);
    for (const { section, count } of unset('sections', result.sections)) {
      const narrowed = { ...filter, sections: [section.id], includeSubsections: false };
      expect(count, `section ${section.name}`).toBe(await direct(narrowed, query, apiKey));
    }
    for (const { person, count } of unset('mentionedPeople', result.people)) {
      expect(count, person.name).toBe(await direct({ ...filter, mentionedPeople: [person.id] }, query, apiKey));
    }
    for (const { person, count } of unset('authors', result.authors)) {
      expect(count, `author ${person.name}`).toBe(await direct({ ...filter, authors: [person.id] }, query, apiKey));
    }
    for (const { organization, count } of unset('mentionedOrganizations', result.organizations)) {
      const narrowed = { ...filter, mentionedOrganizations: [organization.id] };
      expect(count, organization.name).toBe(await direct(narrowed, query, apiKey));
    }
    for (const { month, count } of unset('publishedAfter', result.months)) {
      expect(count, month).toBe(await direct({ ...filter, ...monthRange(month) }, query, apiKey));
    }
    return result;
  };

  const assertOrdered = <T extends Facet>(values: T[], name: (value: T) => string) => {
    for (let index = 1; index < values.length; index++) {
      const [before, current] = [values[index - 1] as T, values[index] as T];
      expect(
        before.count > current.count || (before.count === current.count && name(before) <= name(current)),
        `${name(before)} (${before.count}) before ${name(current)} (${current.count})`,
      ).toBeTruthy();
    }
  };

  it('counts every facet value exactly as a filtered list does, ordered by count then name', async () => {
    const all = await checkAgainstDirectCounts({});
    expect(all.sections.length > 3 && all.people.length > 5 && all.organizations.length > 5).toBeTruthy();
    expect(all.authors.length > 0 && all.months.length > 0).toBeTruthy();
    assertOrdered(all.sections, (facet) => facet.section.name);
    assertOrdered(all.people, (facet) => facet.person.name);
    assertOrdered(all.organizations, (facet) => facet.organization.name);
    const total = await direct({});
    expect(
      all.months.reduce((sum, facet) => sum + facet.count, 0),
      'every public article has a month',
    ).toBe(total);

    const { person } = await lede.data('{ person(slug: "elena-voss") { id } }');
    await checkAgainstDirectCounts({ mentionedPeople: [person.id] });
    await checkAgainstDirectCounts({ publishedAfter: '2026-10-20T00:00:00Z' });
  });

  it('counts only the articles that match a search query, when given', async () => {
    const port = await checkAgainstDirectCounts({}, 'port');
    const all = await facets({});
    const sum = (list: Facet[]) => list.reduce((total, facet) => total + facet.count, 0);
    expect(sum(port.months) < sum(all.months)).toBeTruthy();
    expect(sum(port.months)).toBe(await direct({}, 'port'));
    const { section } = await lede.data('{ section(slug: "politics") { id } }');
    await checkAgainstDirectCounts({ sections: [section.id] }, 'port OR council');
  });

  it('counts drafts only for API keys', async () => {
    const reader = await lede.apiKey('READER');
    const anonymous = await facets({}, undefined);
    const preview = await checkAgainstDirectCounts({}, 'port', reader);
    const local = (list: Facets['sections']) => list.find((facet) => facet.section.name === 'Local')?.count ?? 0;
    const anonymousPort = await facets({ query: 'port' });
    expect(local(preview.sections), 'the draft is counted in preview').toBe(local(anonymousPort.sections) + 1);
    expect(anonymous.sections.length > 0).toBeTruthy();
  });

  it('returns at most `limit` values, and validates it', async () => {
    const few = await facets({ limit: 2 });
    const many = await facets({ limit: 50 });
    expect(few.people.length).toBe(2);
    expect(few.people).toStrictEqual(many.people.slice(0, 2));
    expect(few.sections).toStrictEqual(many.sections.slice(0, 2));
    for (const limit of [0, -1, 51, 10_000]) {
      const result = await lede.execute(FACETS, { limit });
      expect(result.errors?.[0]?.message ?? '', String(limit)).toMatch(/limit: must be (at least 1|at most 50)/);
    }
    const badQuery = await lede.execute(FACETS, { limit: 5, query: '   ' });
    expect(badQuery.errors?.[0]?.message ?? '').toMatch(/query: must contain a word/);
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });

  it('sends a bounded number of SQL statements, whatever the limits', async () => {
    // The section tree, one count per facet kind (5), the organizations and the people (people
    // and authors share a loader, but on a server their counts may finish in different ticks).
    const bound = 9;
    await facets({ limit: 2 });
    const few = [...lede.statements];
    await facets({ limit: 50, query: 'port OR council' });
    const many = [...lede.statements];
    expect(few.length <= bound, `${few.length} statements:\n${few.join('\n')}`).toBeTruthy();
    expect(many.length <= bound, `${many.length} statements:\n${many.join('\n')}`).toBeTruthy();
  });
});
