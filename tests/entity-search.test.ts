import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from './support/database.ts';
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
  after(() => lede?.close());
  before(async () => {
    lede = await startTestGateway();
  });

  const searchEntities = async (query: string, first?: number) =>
    (await lede.data<{ searchEntities: EntityHit[] }>(SEARCH_ENTITIES, { query, first })).searchEntities;

  it('finds people and organizations despite typos, partial names and aliases, best first', async () => {
    for (const [query, type, slug] of TOP_MATCHES) {
      const hits = await searchEntities(query);
      const top = hits[0];
      assert.ok(top, `"${query}" finds something`);
      assert.deepEqual([top.entity.__typename, top.entity.slug], [type, slug], `"${query}": ${JSON.stringify(hits)}`);
      const scores = hits.map((hit) => hit.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      assert.ok(scores.every((score) => score > 0 && score <= 1));
      assert.equal(new Set(hits.map((hit) => `${hit.entity.__typename}:${hit.entity.slug}`)).size, hits.length);
    }
    const [alias] = await searchEntities('DOT');
    assert.equal(alias?.matchedName, 'DOT');
    assert.equal(alias?.score, 1);
  });

  it('returns nothing for names unlike any, and the same list every time', async () => {
    assert.deepEqual(await searchEntities('Zxqvbn Wplk'), []);
    const harbourview = await searchEntities('harbourview', 50);
    assert.ok(harbourview.length > 3);
    assert.deepEqual(await searchEntities('harbourview', 50), harbourview);
    assert.deepEqual(await searchEntities('harbourview', 2), harbourview.slice(0, 2));
  });

  it('answers hostile input with results or a clear validation error', async () => {
    for (const query of ['%_', '\'; DROP TABLE "Person"; --', '🚀', 'voss\u0000', '"((', '\\']) {
      const result = await lede.execute(SEARCH_ENTITIES, { query });
      assert.equal(result.errors, undefined, JSON.stringify(query));
    }
    for (const [query, first, message] of [
      ['', 5, /query: must not be empty/],
      ['  \u0000 ', 5, /query: must not be empty/],
      ['x'.repeat(201), 5, /query: must be at most 200 characters/],
      ['voss', 0, /first: must be at least 1/],
      ['voss', 51, /first: must be at most 50/],
    ] as const) {
      const result = await lede.execute(SEARCH_ENTITIES, { query, first });
      assert.match(result.errors?.[0]?.message ?? '', message);
    }
    assert.deepEqual(lede.unexpectedErrors, []);
  });

  it('sends the same few SQL statements for 2 and 20 matches', async () => {
    await searchEntities('harbourview', 2);
    const few = lede.statements.length;
    const many = await searchEntities('harbourview', 20);
    assert.ok(many.length > 2);
    assert.ok(lede.statements.length <= 3, lede.statements.join('\n'));
    assert.ok(few <= 3);
  });
});
