// First names from many languages (first-names.json), as evidence that a run of capitalised words
// is a person: compromise knows mostly English ones ("Declan" and "Wanjiru" it does not).

import { isLexiconFirstName } from './compromise-tags.ts';
import list from './first-names.json' with { type: 'json' };
import { normalizeKey, type Token } from './tokens.ts';

const FIRST_NAMES = new Set(list.names.map(normalizeKey));

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
