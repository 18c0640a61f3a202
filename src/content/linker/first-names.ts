// First names from many languages, as evidence that a run of capitalised words is a person:
// compromise knows mostly English ones ("Declan" and "Wanjiru" it does not). first-names.json is
// picked by hand; world-first-names.json is built from faker's locales by
// scripts/build-world-first-names.ts.

import { isLexiconFirstName } from './compromise-tags.ts';
import list from './first-names.json' with { type: 'json' };
import { normalizeKey, type Token } from './tokens.ts';
import world from './world-first-names.json' with { type: 'json' };

const FIRST_NAMES = new Set([...list.names, ...world.names].map(normalizeKey));

export function isFirstName(token: Token): boolean {
  return FIRST_NAMES.has(token.key);
}

/** A first name from the list or one compromise's lexicon knows ("Caroline", "Elena"). */
export function isGivenName(token: Token): boolean {
  return isGivenNameKey(token.key);
}

export function isGivenNameKey(key: string): boolean {
  return FIRST_NAMES.has(key) || isLexiconFirstName(key);
}
