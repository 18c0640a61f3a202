// The blind evaluation sets of issue 23: articles written and labelled by someone who had not read
// the linker or any earlier set, each frozen before a round of tuning and kept apart from the
// development sets (the first two, tests/fixtures/linking-former-blind and linking-former-blind-2,
// became development data once their misses had been read). Only reported, never tuned on: print
// them without --details. Set 4 (round 4) is the one to believe now; set 3 (round 3) is kept too.
// Without a set's folder this test fails rather than passes quietly.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byKind, evaluateLinker, evaluationRows, precision, recall } from './support/linking-evaluation.ts';

/**
 * Floors just under what the linker reaches on each set today, so a change that loses ground
 * fails here. The targets (organizations recall 0.90 and precision 0.95, people recall
 * 0.95 and precision 0.97) are not all met yet; raise the floors as the linker improves, up to the
 * targets; never tune the linker on these articles.
 */
const BLIND_SETS = [
  {
    folder: 'linking-blind-4',
    articles: 106,
    floors: { organizations: { recall: 0.88, precision: 0.95 }, people: { recall: 0.97, precision: 0.98 } },
  },
  {
    folder: 'linking-blind-3',
    articles: 164,
    floors: { organizations: { recall: 0.86, precision: 0.94 }, people: { recall: 0.94, precision: 0.98 } },
  },
];

describe.each(BLIND_SETS)('blind set $folder', ({ folder: name, articles, floors }) => {
  it('holds the measured floors for people and organizations', () => {
    const folder = new URL(`./fixtures/${name}/`, import.meta.url);
    expect(
      existsSync(new URL('known.json', folder)),
      `tests/fixtures/${name}/known.json is missing: the blind set must be present to measure the linker`,
    ).toBe(true);
    const evaluation = evaluateLinker(folder);
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
