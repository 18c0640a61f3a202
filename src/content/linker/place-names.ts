import type { Claim } from './claims.ts';
import { isEnglishWord } from './compromise-tags.ts';
import { nameKey } from './names.ts';
import { isAllCaps } from './tokens.ts';
import {
  BUSINESS_LINES,
  COMPANY_FORMS,
  NAME_LINKS,
  ORGANIZATION_HEADS,
  ORGANIZATION_NOUNS,
  ORGANIZATION_WORDS,
} from './vocabulary.ts';
import worldPlaces from './world-places.json' with { type: 'json' };

let worldPlaceKeys: ReadonlySet<string> | undefined;

/** A town, region or country of the world (world-places.json, from GeoNames), built on first use. */
export function isWorldPlace(name: string): boolean {
  worldPlaceKeys ??= new Set(worldPlaces.names);
  return worldPlaceKeys.has(nameKey(name));
}

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
 * A name found by its shape or a cue that names a region instead: a compass word and one more name
 * that is neither an English word nor an organisation's ("missing in West Sumatra", "the Central
 * Sulawesi police chief", but "Western Union", "North Face"). Names on the well-known list are not
 * asked.
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

/** What a company owns in a town and calls by the town's name: "its Duisburg plant", "the Geoje yard". */
const SITE_WORDS = new Set([
  'plant',
  'plants',
  'works',
  'yard',
  'shipyard',
  'factory',
  'facility',
  'site',
  'mill',
  'refinery',
  'smelter',
  'mine',
  'campus',
  'warehouse',
  'terminal',
  'depot',
  'complex',
]);

/**
 * A name found by its shape or a cue that is a place where the article names it: a region (see
 * `namesAPlace`), the town of a company's site, or a town or region of the world (world-places.json,
 * from GeoNames) unless a noun before it calls it an organisation ("Roundup's maker Monsanto").
 */
export function namesAPlaceHere(paragraph: string, claim: Claim & { name: string }): boolean {
  if (namesAPlace(claim.name) || namesASite(paragraph, claim) || listedAmongTowns(paragraph, claim)) return true;
  const wordBefore = /(\p{L}+) $/u.exec(paragraph.slice(Math.max(0, claim.start - 24), claim.start))?.[1];
  if (wonOrLostByScore(paragraph, claim)) return false;
  // "the Los Rastrojos gang": a group named for a place is still the group; but in "Los Pumas del
  // Guayas gang" the place ends a longer name.
  const wordAfter = /^ (\p{Ll}+)/u.exec(paragraph.slice(claim.end, claim.end + 16))?.[1];
  const linkBefore = NAME_LINKS.has(wordBefore ?? '') && wordBefore !== 'the';
  if (GROUP_NOUNS.has(wordAfter ?? '') && !linkBefore) return false;
  return isWorldPlace(claim.name) && !ORGANIZATION_NOUNS.has(wordBefore?.toLowerCase() ?? '');
}

/** Nouns after a name that make it an armed group's or a gang's, whatever place it is named for. */
const GROUP_NOUNS = new Set(['gang', 'gangs', 'cartel', 'militia', 'clan', 'faction']);

/**
 * "Barcelona, who beat Sevilla 3-0", "beat Girona 2-1": a town that wins or loses by a score is its
 * club, which sport names by the town.
 */
function wonOrLostByScore(paragraph: string, claim: { start: number; end: number }): boolean {
  const after = paragraph.slice(claim.end, claim.end + 40);
  const before = paragraph.slice(Math.max(0, claim.start - 16), claim.start);
  const won = /^(?:, who)? (?:beat|defeated|edged|thrashed|drew|lost|routed)\b[^.;]{0,24}?\b\d{1,3}[-–]\d{1,3}\b/u;
  const beaten = /\b(?:beat|beating|defeated|edged|thrashed|routed) (?:the )?$/u;
  return won.test(after) || (beaten.test(before) && /^ \d{1,3}[-–]\d{1,3}\b/u.test(after));
}

/**
 * "the company's Geoje yard", "at its Kure works": a name between an owner's possessive and a
 * lower-case word for a site is the town the site is in, whatever the town, unless the name ends
 * like an organisation's ("its Newport News Shipbuilding yard").
 */
function namesASite(paragraph: string, claim: { start: number; end: number; name: string }): boolean {
  const before = paragraph.slice(Math.max(0, claim.start - 12), claim.start);
  const after = /^ (\p{Ll}+)/u.exec(paragraph.slice(claim.end, claim.end + 16))?.[1];
  const lastWord = nameKey(claim.name).split(' ').at(-1) ?? '';
  return (
    after !== undefined &&
    SITE_WORDS.has(after) &&
    /(?:['’]s|\bits|\btheir) $/u.test(before) &&
    !ORGANIZATION_ENDINGS.has(lastWord)
  );
}

const TOWN = String.raw`\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?`;
const LIST_LINK = String.raw`(?:, and |, or |, | and | or )`;
const LIST_LINKS = new RegExp(LIST_LINK, 'u');
const TOWNS_BEFORE = new RegExp(
  String.raw`\b(?<preposition>in|near|around|between) (?<towns>(?:${TOWN}${LIST_LINK})*)$`,
  'u',
);
const TOWNS_AFTER = new RegExp(String.raw`^((?:${LIST_LINK}${TOWN})*)(?![\p{L}'’-]| \p{Lu})`, 'u');

/**
 * "a trial in Bagamoyo and Kilombero", "between Kure and Onomichi": one word listed after a
 * preposition of place with towns or regions of the world, and nothing else, is one too.
 */
function listedAmongTowns(paragraph: string, claim: { start: number; end: number; name: string }): boolean {
  return townListAround(paragraph, claim) !== null;
}

/**
 * "villages around Tata and Errachidia": a well-known organisation's one-word name listed among towns
 * is a town there; but not an acronym ("in Congo, MONUSCO, said") nor a name paired with others
 * "between" them ("talks between Airbus and France").
 */
export function listedNameAmongTowns(paragraph: string, claim: { start: number; end: number; name: string }): boolean {
  if (isAllCaps(claim.name)) return false;
  const preposition = townListAround(paragraph, claim);
  return preposition !== null && preposition !== 'between';
}

/** The preposition opening a list of towns and regions that the one-word name stands in, if it does. */
function townListAround(paragraph: string, claim: { start: number; end: number; name: string }): string | null {
  if (/\s/u.test(claim.name)) return null;
  const before = TOWNS_BEFORE.exec(paragraph.slice(Math.max(0, claim.start - 100), claim.start));
  const after = TOWNS_AFTER.exec(paragraph.slice(claim.end, claim.end + 100));
  if (!before?.groups || !after) return null;
  const others = `${before.groups.towns ?? ''}${after[1] ?? ''}`.split(LIST_LINKS).filter((name) => name !== '');
  return others.length > 0 && others.every(isWorldPlace) ? (before.groups.preposition ?? null) : null;
}
