import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countOrganizationMentions, countPersonMentions } from '../src/content/mentions.ts';

const people = [
  { id: 1, name: 'Elena Voss', aliases: [] },
  { id: 2, name: 'Anika Sørensen', aliases: ['Anika Sorensen'] },
  { id: 3, name: 'Tom Reyes', aliases: [] },
];

describe('mention counting', () => {
  it('counts a full name once and later surnames as the same person', () => {
    const text = 'Mayor Elena Voss spoke first. Voss said the vote was close. “It was,” Voss’s aide added.';
    assert.deepEqual(countPersonMentions(text, people), [{ id: 1, count: 3 }]);
  });

  it('links a surname only when the article names the person in full', () => {
    assert.deepEqual(countPersonMentions('Reyes voted against.', people), []);
  });

  it('links surnames of aliases too', () => {
    assert.deepEqual(countPersonMentions('Anika Sorensen leads the lab. Sorensen said so.', people), [
      { id: 2, count: 2 },
    ]);
  });

  it('matches whole words only', () => {
    const organizations = [{ id: 7, name: 'Department of Transportation', aliases: ['DOT'] }];
    assert.deepEqual(
      countOrganizationMentions(
        'The DOT said… anecdotal DOTS aside, the Department of Transportation agreed.',
        organizations,
      ),
      [{ id: 7, count: 2 }],
    );
  });
});
