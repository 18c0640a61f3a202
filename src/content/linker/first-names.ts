// First names from many languages (first-names.json), as evidence that a run of capitalised words
// is a person: compromise knows mostly English ones ("Declan" and "Wanjiru" it does not).
import list from './first-names.json' with { type: 'json' };
import { normalizeKey, type Token } from './tokens.ts';

const FIRST_NAMES = new Set(list.names.map(normalizeKey));

export function isFirstName(token: Token): boolean {
  return FIRST_NAMES.has(token.key);
}
