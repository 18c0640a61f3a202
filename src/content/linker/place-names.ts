import { isEnglishWord } from './compromise-tags.ts';
import { BUSINESS_LINES, COMPANY_FORMS, ORGANIZATION_HEADS, ORGANIZATION_WORDS } from './vocabulary.ts';

const ORGANIZATION_ENDINGS: ReadonlySet<string> = new Set([
  ...ORGANIZATION_WORDS,
  ...ORGANIZATION_HEADS,
  ...COMPANY_FORMS,
  ...BUSINESS_LINES,
  'company',
]);

/** Words that open a region's name: "West Sumatra", "Central Sulawesi", "North Kivu". */
const COMPASS_WORDS = new Set([
  'north',
  'south',
  'east',
  'west',
  'central',
  'northern',
  'southern',
  'eastern',
  'western',
  'upper',
  'lower',
]);

/**
 * A name found by its shape or a cue that names a place or a people instead: a compass word and
 * one more name that is neither an English word nor an organisation's ("missing in West Sumatra",
 * "the Central Sulawesi police chief", but "Western Union", "North Face"), or a regional demonym
 * alone. Names on the well-known
 * list are not asked.
 */
export function namesAPlace(name: string): boolean {
  const [first = '', second, ...rest] = name.toLowerCase().split(/\s+/);
  if (second === undefined || rest.length > 0) return false;
  return COMPASS_WORDS.has(first) && !isEnglishNoun(second) && !ORGANIZATION_ENDINGS.has(second);
}

/**
 * A word compromise's lexicon knows, or a plural ("Utilities", "Mills"): a region's name is seldom
 * either, and compromise's lexicon leaves most plain nouns out.
 */
function isEnglishNoun(word: string): boolean {
  return isEnglishWord(word) || (word.length > 3 && word.endsWith('s') && !word.endsWith('ss'));
}
