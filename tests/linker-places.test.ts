// Issue 23 round 5b: regions named with a compass word, regional demonyms and buildings are places,
// never people or organisations; organisations built the same way stay. The names here are not in
// the blind or development articles.
import { describe, expect, it } from 'vitest';
import { namesAPlace } from '../src/content/linker/place-names.ts';
import { linkAlone as link } from './support/linking.ts';

const names = (paragraphs: string[]) => {
  const result = link(paragraphs);
  return [...result.newPeople, ...result.newOrganizations].map((entity) => entity.name).sort();
};

describe('places found where names are looked for', () => {
  it('links no region named with a compass word as a person or an organisation', () => {
    expect(
      names([
        'Rescuers said 40 families were cut off in East Nusa after the storm.',
        'Colonel Baraka Muhindo, the North Kivu police commander, said the road was open again.',
      ]),
    ).toStrictEqual(['Baraka Muhindo']);
  });

  it('links no regional demonym as an organisation', () => {
    expect(names(['Arrieta said the Galician party Avance Popular would abstain on Tuesday.'])).toStrictEqual([
      'Avance Popular',
    ]);
  });

  it('links no building whose name ends in "Buildings"', () => {
    expect(names(['Protesters marched to Union Buildings in Pretoria on Friday.'])).toStrictEqual([]);
  });

  it('keeps organisations named with a compass word and an organisation word', () => {
    expect(namesAPlace('Western Union')).toBe(false);
    expect(namesAPlace('Southern Company')).toBe(false);
    expect(namesAPlace('Northern Trust')).toBe(false);
    expect(namesAPlace('North Kivu')).toBe(true);
    expect(names(['Shares of Western Union fell 3 percent on Monday, the company said.'])).toContain('Western Union');
  });
});
