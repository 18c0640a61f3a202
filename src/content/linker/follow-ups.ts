// Later mentions of people and organisations already established in the article: a surname alone
// ("Doe said") for someone named in full, and repeats of newly found names.
import { ownKeysOf, surnameEntries } from './known.ts';
import { compileName, patternKey } from './names.ts';
import type { NameEntry } from './search.ts';

export type NamedEntity = { owner: string; names: readonly string[] };

/**
 * `people` are the people named in full in the article; `newNames` the full names of new people and
 * organisations, which may recur anywhere. A surname shared by two people links to neither.
 */
export function followUpEntries(people: readonly NamedEntity[], newNames: readonly NamedEntity[]): NameEntry[] {
  const surnames = people.flatMap((person) => surnameEntries(person.owner, person.names));
  const ownersBySurname = new Map<string, Set<string>>();
  for (const entry of surnames) {
    const key = patternKey(entry.pattern);
    ownersBySurname.set(key, (ownersBySurname.get(key) ?? new Set()).add(entry.owner));
  }
  const unambiguous = surnames.filter((entry) => ownersBySurname.get(patternKey(entry.pattern))?.size === 1);
  const repeats = newNames.flatMap((entity) => {
    const ownKeys = ownKeysOf(entity.names);
    return entity.names.map((name) => ({
      owner: entity.owner,
      pattern: compileName(name),
      ownKeys,
      form: 'name' as const,
    }));
  });
  return [...unambiguous, ...repeats];
}
