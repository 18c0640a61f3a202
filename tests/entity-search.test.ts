import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

type EntityHit = { score: number; matchedName: string; entity: { __typename: string; slug: string } };

const SEARCH_ENTITIES = `
  query ($query: String!, $first: Int) {
    searchEntities(query: $query, first: $first) {
      score matchedName
      entity {
        __typename
        ... on Person { slug name }
        ... on Organization { slug name kind }
      }
    }
  }`;

/** Misspelt, partial or aliased names and the person or organization each must find first. */
const TOP_MATCHES: [query: string, type: string, slug: string][] = [
  ['Elana Vos', 'Person', 'elena-voss'],
  ['voss', 'Person', 'elena-voss'],
  ['okafr', 'Person', 'darius-okafor'],
  ['Darius Okafour', 'Person', 'darius-okafor'],
  ['Maggie Lindkvist', 'Person', 'margit-lindqvist'],
  ['anika sorensen', 'Person', 'anika-sorensen'],
  ['Jonny Whitacre', 'Person', 'jonah-whitaker'],
  ['Tesaline Shiping', 'Organization', 'tessaline-shipping-group'],
  ['DOT', 'Organization', 'harbourview-department-of-transportation'],
  ['Lanternlite', 'Organization', 'lanternlight-food-network'],
  ['Greywater Crue', 'Organization', 'greywater-crew'],
  ['harbourview mariners', 'Organization', 'harbourview-mariners-fc'],
];

describe(`entity search (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });

  const searchEntities = async (query: string, first?: number) =>
    (await lede.data<{ searchEntities: EntityHit[] }>(SEARCH_ENTITIES, { query, first })).searchEntities;

  it('finds people and organizations despite typos, partial names and aliases, best first', async () => {
    for (const [query, type, slug] of TOP_MATCHES) {
      const hits = await searchEntities(query);
      const top = hits[0];
      expectTruthy(top, `"${query}" finds something`);
      expect([top.entity.__typename, top.entity.slug], `"${query}": ${JSON.stringify(hits)}`).toStrictEqual([
        type,
        slug,
      ]);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toStrictEqual([...scores].sort((a, b) => b - a));
      expect(scores.every((score) => score > 0 && score <= 1)).toBeTruthy();
      expect(new Set(hits.map((hit) => `${hit.entity.__typename}:${hit.entity.slug}`)).size).toBe(hits.length);
    }
    const [alias] = await searchEntities('DOT');
    expect(alias?.matchedName).toBe('DOT');
    expect(alias?.score).toBe(1);
  });

  it('returns nothing for names unlike any, and the same list every time', async () => {
    expect(await searchEntities('Zxqvbn Wplk')).toStrictEqual([]);
    const harbourview = await searchEntities('harbourview', 50);
    expect(harbourview.length > 3).toBeTruthy();
    expect(await searchEntities('harbourview', 50)).toStrictEqual(harbourview);
    expect(await searchEntities('harbourview', 2)).toStrictEqual(harbourview.slice(0, 2));
  });

  it('answers hostile input with results or a clear validation error', async () => {
    for (const query of ['%_', '\'; DROP TABLE "Person"; --', '🚀', '"((', '\\']) {
      const result = await lede.execute(SEARCH_ENTITIES, { query });
      expect(result.errors, JSON.stringify(query)).toBe(undefined);
    }
    for (const [query, first, message] of [
      ['', 5, /query: must not be empty/],
      ['voss\u0000', 5, /\$query.*NUL/],
      ['  \u0000 ', 5, /\$query.*NUL/],
      ['x'.repeat(201), 5, /query: must be at most 200 characters/],
      ['voss', 0, /first: must be at least 1/],
      ['voss', 51, /first: must be at most 50/],
    ] as const) {
      const result = await lede.execute(SEARCH_ENTITIES, { query, first });
      expect(result.errors?.[0]?.message ?? '').toMatch(message);
    }
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });

  it('sends the same few SQL statements for 2 and 20 matches', async () => {
    await searchEntities('harbourview', 2);
    const few = lede.statements.length;
    const many = await searchEntities('harbourview', 20);
    expect(many.length > 2).toBeTruthy();
    expect(lede.statements.length <= 3, lede.statements.join('\n')).toBeTruthy();
    expect(few <= 3).toBeTruthy();
  });
});
