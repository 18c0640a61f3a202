// Name entries for the entities the newsroom already knows.

import { isLexiconFirstName } from './compromise-tags.ts';
import { isGivenNameKey } from './first-names.ts';
import { compileName, type NamePattern, namePatterns } from './names.ts';
import { type NameEntry, NameIndex } from './search.ts';
import { normalizeKey } from './tokens.ts';
import type { KnownDirectory, KnownEntity } from './types.ts';
import { CHINESE_FAMILY_NAMES, EAST_ASIAN_FAMILY_NAMES, JOINING_PARTICLES, NAME_PARTICLES } from './vocabulary.ts';

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

/**
 * Surname entries from a person's multi-word names: "Voss" for "Elena Voss", "van Gogh" for
 * "Vincent van Gogh", and for other naming customs the forms a later mention uses: the first of two
 * surnames ("Larraín" for "Matías Larraín Echeverría", "Puigvert" for "Jordi Puigvert i Casals"), a
 * family name written first ("Kim" for "Kim Ji-hoon"), a surname without its article ("Sharabi" for
 * "Yasmin al-Sharabi").
 */
export function surnameEntries(owner: string, names: readonly string[]): NameEntry[] {
  const ownKeys = ownKeysOf(names);
  const surnames = new Set(names.flatMap(surnamesOf));
  return [...surnames].map((surname) => ({ owner, pattern: compileName(surname), ownKeys, form: 'surname' as const }));
}

function surnamesOf(name: string): string[] {
  const words = name.trim().split(/\s+/u);
  if (words.length > 1 && /^(?:jr|sr|ii|iii|iv)\.?$/iu.test(words.at(-1) ?? '')) words.pop();
  if (words.length < 2) return [];
  const [first, last] = [words[0] ?? '', words.at(-1) ?? ''];
  if (words.length === 2 && writesFamilyNameFirst(first, last)) return [first];
  // "Zhang Wei" or "Wei Zhang": either word may be the family name.
  if (words.length === 2 && [first, last].every((word) => CHINESE_FAMILY_NAMES.has(normalizeKey(word))))
    return [first, last];
  const surnameStart = words.length - 1;
  const particle = words[surnameStart - 1];
  const start = surnameStart > 1 && particle && opensSurname(particle.toLowerCase()) ? surnameStart - 1 : surnameStart;
  const surnames = [words.slice(start).join(' ')];
  // "el-Khatib", "al-Sharabi": also the surname without its article.
  const article = /^(?:al|el|ad|ash|as|at|an|ar|az)-(\p{Lu}.*)$/u.exec(last);
  if (article?.[1]) surnames.push(article[1]);
  // Spanish, Portuguese and Catalan double surnames: the first one alone names the person too.
  // A middle word that is a given name ("Anna Maria Rossi") is not one.
  const named = words.slice(1).filter((word) => !NAME_PARTICLES.has(word.toLowerCase()) && !/^\p{Lu}\.?$/u.test(word));
  const firstSurname = named.at(-2);
  if (firstSurname && /^\p{Lu}\p{Ll}/u.test(firstSurname) && !isGivenNameKey(normalizeKey(firstSurname))) {
    // "Lozano Prieto had rested": both surnames together are one mention, not two.
    surnames.push(firstSurname, words.slice(words.lastIndexOf(firstSurname)).join(' '));
  }
  return surnames;
}

function opensSurname(word: string): boolean {
  return NAME_PARTICLES.has(word) && !JOINING_PARTICLES.has(word);
}

/**
 * Korean and Chinese names written family name first: "Lee Seo-yeon", "Xi Jinping". A hyphenated
 * given name after a Korean or Chinese family name says so; without one ("Kim Kardashian", "Lee
 * Child") only a family name that is not also an English given name does.
 */
function writesFamilyNameFirst(first: string, last: string): boolean {
  const family = normalizeKey(first);
  if (/^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(last)) return EAST_ASIAN_FAMILY_NAMES.has(family);
  return CHINESE_FAMILY_NAMES.has(family) && !isLexiconFirstName(family);
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
