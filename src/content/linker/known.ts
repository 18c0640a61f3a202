// Name entries for the entities the newsroom already knows.
import { compileName, type NamePattern, namePatterns } from './names.ts';
import { type NameEntry, NameIndex } from './search.ts';
import type { KnownDirectory, KnownEntity } from './types.ts';
import { NAME_PARTICLES } from './vocabulary.ts';

export const personOwner = (id: number) => `person:${id}`;
export const organizationOwner = (id: number) => `organization:${id}`;

export function knownNameEntries(directory: KnownDirectory): NameEntry[] {
  // A person's aliases are full names too; an organisation's alias inside a longer capitalised
  // phrase is someone else's name: "City Council" in "Northcliff City Council".
  const people = directory.people.flatMap((person) => entriesFor(personOwner(person.id), person, () => 'name'));
  const organizations = directory.organizations.flatMap((organization) =>
    entriesFor(organizationOwner(organization.id), organization, (isAlias) => (isAlias ? 'alias' : 'name')),
  );
  return [...people, ...organizations];
}

function entriesFor(owner: string, entity: KnownEntity, formOf: (isAlias: boolean) => NameEntry['form']): NameEntry[] {
  const names = [entity.name, ...entity.aliases];
  const ownKeys = ownKeysOf(names);
  return names.flatMap((name, index) =>
    namePatterns(name).map((pattern) => ({ owner, pattern, ownKeys, form: formOf(index > 0) })),
  );
}

export function ownKeysOf(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((name) => compileName(name).map((part) => part.key)));
}

/** Surname entries from a person's multi-word names: "Voss" for "Elena Voss", "van Gogh" for "Vincent van Gogh". */
export function surnameEntries(owner: string, names: readonly string[]): NameEntry[] {
  const ownKeys = ownKeysOf(names);
  const surnames = new Set(names.map(surnameOf).filter((surname) => surname !== null));
  return [...surnames].map((surname) => ({ owner, pattern: compileName(surname), ownKeys, form: 'surname' as const }));
}

function surnameOf(name: string): string | null {
  const words = name.trim().split(/\s+/u);
  if (words.length > 1 && /^(?:jr|sr|ii|iii|iv)\.?$/iu.test(words.at(-1) ?? '')) words.pop();
  if (words.length < 2) return null;
  const surnameStart = words.length - 1;
  const particle = words[surnameStart - 1];
  const start = surnameStart > 1 && particle && NAME_PARTICLES.has(particle) ? surnameStart - 1 : surnameStart;
  return words.slice(start).join(' ');
}

/** Every run of words inside a known name or alias, so a fragment of one is never reported as new. */
export function knownNameFragments(directory: KnownDirectory): Set<string> {
  const fragments = new Set<string>();
  for (const entity of [...directory.people, ...directory.organizations]) {
    for (const name of [entity.name, ...entity.aliases]) addFragments(compileName(name), fragments);
  }
  return fragments;
}

function addFragments(pattern: NamePattern, fragments: Set<string>): void {
  const keys = pattern.map((part) => part.key);
  for (let start = 0; start < keys.length; start++) {
    for (let end = start + 1; end <= keys.length; end++) fragments.add(keys.slice(start, end).join(' '));
  }
}

export type CompiledDirectory = {
  names: NameIndex;
  fragments: ReadonlySet<string>;
  people: readonly { owner: string; names: readonly string[] }[];
};

// Importers link many articles against one directory; compile it once. The directory's arrays are
// readonly by type, so an edited directory arrives as new arrays and is compiled afresh.
const compiled = new WeakMap<readonly KnownEntity[], WeakMap<readonly KnownEntity[], CompiledDirectory>>();

export function compileDirectory(directory: KnownDirectory): CompiledDirectory {
  const byOrganizations = compiled.get(directory.people) ?? new WeakMap();
  compiled.set(directory.people, byOrganizations);
  const cached = byOrganizations.get(directory.organizations);
  if (cached) return cached;
  const result = {
    names: new NameIndex(knownNameEntries(directory)),
    fragments: knownNameFragments(directory),
    people: directory.people.map((person) => ({
      owner: personOwner(person.id),
      names: [person.name, ...person.aliases],
    })),
  };
  byOrganizations.set(directory.organizations, result);
  return result;
}
