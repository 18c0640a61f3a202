// The blind evaluation set of issue 23 (the third one; the first two, tests/fixtures/linking-former-blind
// and linking-former-blind-2, became development data once their misses had been read): articles
// written and labelled by someone who had not read the linker or any earlier set, frozen before the
// third round of tuning, and kept apart from the development sets. Only reported, never tuned on:
// print it without --details.
// Without the folder this test fails rather than passes quietly.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byKind, evaluateLinker, evaluationRows, precision, recall } from './support/linking-evaluation.ts';

const folder = new URL('./fixtures/linking-blind-3/', import.meta.url);

/**
 * The targets (organizations recall 0.90 and precision 0.95, people recall 0.95 and
 * precision 0.97) are not met yet; these floors sit just under what the linker reaches on the set
 * today, so a change that loses ground fails here. Raise them as the linker improves, up to the
 * targets; never tune the linker on these articles.
 */
const FLOORS = {
  organizations: { recall: 0.83, precision: 0.88 },
  people: { recall: 0.94, precision: 0.98 },
};

describe('blind set', () => {
  it('holds the measured floors for people and organizations', () => {
    expect(
      existsSync(new URL('known.json', folder)),
      'tests/fixtures/linking-blind-3/known.json is missing: the blind set must be present to measure the linker',
    ).toBe(true);
    const evaluation = evaluateLinker(folder);
    console.log(`Entity linker on the blind set: ${evaluation.articles} articles (micro-averaged)`);
    console.table(evaluationRows(evaluation));
    expect(evaluation.articles, 'blind articles').toBeGreaterThanOrEqual(164);
    const { people, organizations } = byKind(evaluation);
    expect(recall(organizations), 'organizations recall').toBeGreaterThanOrEqual(FLOORS.organizations.recall);
    expect(precision(organizations), 'organizations precision').toBeGreaterThanOrEqual(FLOORS.organizations.precision);
    expect(recall(people), 'people recall').toBeGreaterThanOrEqual(FLOORS.people.recall);
    expect(precision(people), 'people precision').toBeGreaterThanOrEqual(FLOORS.people.precision);
  });
});
