// The blind evaluation set of issue 23: articles written and labelled by writers who had not read
// the linker or any earlier set, frozen before a round of tuning and kept apart from the
// development sets. Set 5 (round 5; three writers) is the one to believe now. Earlier blind sets
// became development data once a round was reported on them (tests/fixtures/linking-former-blind*).
// Only reported, never tuned on: print it without --details.
// Without the set's folder this test fails rather than passes quietly.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byKind, evaluateLinker, evaluationRows, precision, recall } from './support/linking-evaluation.ts';

/**
 * Floors just under what the linker reaches on each set today, so a change that loses ground
 * fails here. The targets (organizations recall 0.90 and precision 0.95, people recall
 * 0.95 and precision 0.97) are not all met yet; raise the floors as the linker improves, up to the
 * targets; never tune the linker on these articles.
 */
/**
 * Articles of set 5 whose names reached round 5's tuner: its brief quoted the writers' notes on
 * labelling, with their examples (Sejm, Bundestag, Seventh Circuit, Tokyo Metropolitan Assembly,
 * Bayern, Nordhafen, CSU, NNPC, MONUSCO). The rest of the set is the measure to believe.
 */
const NAMES_SEEN_BY_ROUND_5 = [
  'courts-facial-recognition-ruling-a.json',
  'courts-nordhafen-emissions-trial-a.json',
  'politics-germany-price-cap-a.json',
  'politics-poland-judiciary-bill-a.json',
  'sport-german-cup-rheinfels-bayern-c.json',
  'world-icc-congo-militia-warrant-a.json',
  'world-nigeria-fuel-strike-a.json',
  'world-tokyo-assembly-election-c.json',
];

const BLIND_SETS = [
  {
    folder: 'linking-blind-5',
    part: 'whole',
    except: [],
    articles: 129,
    floors: { organizations: { recall: 0.9, precision: 0.96 }, people: { recall: 0.95, precision: 0.99 } },
  },
  {
    folder: 'linking-blind-5',
    part: 'unseen by the tuner',
    except: NAMES_SEEN_BY_ROUND_5,
    articles: 121,
    floors: { organizations: { recall: 0.89, precision: 0.96 }, people: { recall: 0.95, precision: 0.99 } },
  },
];

describe.each(BLIND_SETS)('blind set $folder ($part)', ({ folder: name, except, articles, floors }) => {
  it('holds the measured floors for people and organizations', () => {
    const folder = new URL(`./fixtures/${name}/`, import.meta.url);
    expect(
      existsSync(new URL('known.json', folder)),
      `tests/fixtures/${name}/known.json is missing: the blind set must be present to measure the linker`,
    ).toBe(true);
    const evaluation = evaluateLinker(folder, except);
    console.log(`Entity linker on blind set ${name}: ${evaluation.articles} articles (micro-averaged)`);
    console.table(evaluationRows(evaluation));
    expect(evaluation.articles, 'blind articles').toBeGreaterThanOrEqual(articles);
    const { people, organizations } = byKind(evaluation);
    expect(recall(organizations), 'organizations recall').toBeGreaterThanOrEqual(floors.organizations.recall);
    expect(precision(organizations), 'organizations precision').toBeGreaterThanOrEqual(floors.organizations.precision);
    expect(recall(people), 'people recall').toBeGreaterThanOrEqual(floors.people.recall);
    expect(precision(people), 'people precision').toBeGreaterThanOrEqual(floors.people.precision);
  });
});
