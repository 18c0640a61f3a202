// Wire datelines (issue 23, round 3): the place opening an article is no entity and does not run
// into the name after the dash; the agency in brackets credits the story's source and is no mention. Names here are invented
// for these tests, except the agencies and places.
import { describe, expect, it } from 'vitest';
import { findDateline } from '../src/content/linker/datelines.ts';
import { type KnownEntity, type LinkResult, linkEntities } from '../src/content/linker/index.ts';

const organizations: KnownEntity[] = [
  { id: 101, name: 'Reuters', aliases: [] },
  { id: 102, name: 'Kestrel Bay Energy', aliases: ['Kestrel Bay'] },
];

function link(paragraphs: string[]): LinkResult {
  return linkEntities({ headline: 'Headline', paragraphs }, { people: [], organizations });
}

/** Every entity the linker reports, as `name: mention, mention`, for compact assertions. */
function entitiesIn(paragraphs: string[]): string[] {
  const result = link(paragraphs);
  const spans = (entity: { spans: { text: string }[] }) => entity.spans.map((span) => span.text).join(', ');
  return [
    ...result.people.map((entity) => `person #${entity.id}: ${spans(entity)}`),
    ...result.organizations.map((entity) => `organization #${entity.id}: ${spans(entity)}`),
    ...result.newPeople.map((entity) => `new person ${entity.name}: ${spans(entity)}`),
    ...result.newOrganizations.map((entity) => `new organization ${entity.name}: ${spans(entity)}`),
  ].sort();
}

/** The dateline's parts as text: place (with region and date), agency, and the story's first words. */
function datelineOf(text: string) {
  const dateline = findDateline(text);
  return dateline && { place: text.slice(0, dateline.placeEnd), agency: dateline.agency?.name ?? null };
}

describe('finding datelines', () => {
  it.each([
    ['NEW YORK (Reuters) — Stocks rose.', 'NEW YORK', 'Reuters'],
    ['BOGOTÁ, Colombia — The talks resumed.', 'BOGOTÁ, Colombia', null],
    ['LAGOS, Nigeria, March 3 (AP) - The bank held.', 'LAGOS, Nigeria, March 3', 'AP'],
    ['Tokyo — The yen fell.', 'Tokyo', null],
    ['PARIS, June 4 — Unions marched.', 'PARIS, June 4', null],
    ['KYIV, Ukraine, Dec. 5 (Bloomberg) -- Missiles struck.', 'KYIV, Ukraine, Dec. 5', 'Bloomberg'],
    ['BEIJING/WASHINGTON (Reuters) - China said.', 'BEIJING/WASHINGTON', 'Reuters'],
    ['ST. LOUIS (AP) — A jury ruled.', 'ST. LOUIS', 'AP'],
    ["ALPE D'HUEZ, France — Riders climbed.", "ALPE D'HUEZ, France", null],
    ['FRANKFURT, Germany (dpa) — Banks fell.', 'FRANKFURT, Germany', 'dpa'],
    ['NEW DELHI: The government said.', 'NEW DELHI', null],
    ['(CNN) — A storm hit.', '', 'CNN'],
  ])('reads %j', (text, place, agency) => {
    expect(datelineOf(text)).toStrictEqual({ place, agency });
  });

  it.each([
    'Nvidia — the chipmaker — said sales rose.',
    'Maria Castellanos — a nurse for 30 years — retired.',
    'Jane Doe, Senior Counsel — Said nothing.',
    'The Federal Reserve held rates — again.',
    'Prices rose in NEW YORK — and fell elsewhere.',
  ])('finds none in %j', (text) => {
    expect(findDateline(text)).toBeNull();
  });
});

describe('linking around datelines', () => {
  it('links neither the place nor a known alias the place spells, and keeps the name after the dash apart', () => {
    expect(
      entitiesIn([
        'KESTREL BAY, Harbourview — Kestrel Bay Energy opened a wind farm on Monday.',
        'BERLIN — Siemens Energy said orders rose.',
      ]),
    ).toStrictEqual(['new organization Siemens Energy: Siemens Energy', 'organization #102: Kestrel Bay Energy']);
  });

  it('leaves a place in capitals out, where it would otherwise be found', () => {
    expect(entitiesIn(['NEW YORK — Brightwater Utilities agreed to buy Caldera Water Co on Monday.'])).toStrictEqual([
      'new organization Brightwater Utilities: Brightwater Utilities',
      'new organization Caldera Water Co: Caldera Water Co',
    ]);
  });

  it('reads the first words after the dash as a sentence start', () => {
    expect(
      entitiesIn(['SYDNEY — A New South Wales Police Force constable was charged with manslaughter on Tuesday.']),
    ).toStrictEqual(['new organization New South Wales Police Force: New South Wales Police Force']);
  });

  it('counts no mention for the agency a dateline credits, and links an agency the body names', () => {
    // The credit names the story's source, not something the story reports on.
    expect(
      entitiesIn(['NEW YORK (Reuters) — Stocks rose.', 'Traders told Reuters the rally would last.']),
    ).toStrictEqual(['organization #101: Reuters']);
    expect(entitiesIn(['LONDON (Reuters) — Stocks rose.'])).toStrictEqual([]);
    expect(
      entitiesIn(['LAGOS, Nigeria, March 3 (AP) - Shares rose.', 'Brokers told The Associated Press it would last.']),
    ).toStrictEqual(['new organization Associated Press: Associated Press']);
    expect(entitiesIn(['HARARE, Zimbabwe (Harbour Wire) — Prices rose.'])).toStrictEqual([]);
  });

  it('does not read the agency as an acronym defined for the place', () => {
    expect(entitiesIn(['ADDIS ABABA (AA) — Talks began.'])).toStrictEqual([]);
  });

  it('links a person named right after the dateline', () => {
    expect(entitiesIn(['WASHINGTON — Senator Ellen Marsh said on Tuesday the bill would pass.'])).toStrictEqual([
      'new person Ellen Marsh: Ellen Marsh',
    ]);
  });

  it('finds no dateline in a later paragraph or in one that opens with a name', () => {
    expect(
      entitiesIn([
        'Beatriz Alvarenga — the nurse who ran the night clinic — retired on Friday.',
        'LONDON — the word opens no article here.',
      ]),
    ).toStrictEqual(['new person Beatriz Alvarenga: Beatriz Alvarenga']);
  });
});
