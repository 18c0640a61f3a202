// Titles and roles in front of a name ("Mayor", "Secretary of State", "Chief executive"): they are
// not part of the name, and the one before a new person's first mention becomes its description.
import { isGivenName } from './first-names.ts';
import { isAdjacent, isCapitalized, type Token } from './tokens.ts';
import { ABBREVIATED_TITLES, CALENDAR_WORDS, HONORIFICS, ROLE_NOUNS, ROLE_WORDS, TITLE_WORDS } from './vocabulary.ts';

export function isTitleWord(token: Token | undefined): boolean {
  if (token === undefined) return false;
  return TITLE_WORDS.has(token.key) || (ABBREVIATED_TITLES.has(token.key) && token.text.endsWith('.'));
}

/** A title, or a role written in lower case ("board member", "player"), in front of a name. */
export function isRoleWord(token: Token | undefined): boolean {
  // "Glaciologist Friederike Stahlmann": a role opening a sentence is capitalised for it.
  const roleCase = token !== undefined && (!isCapitalized(token) || token.sentenceStart);
  return isTitleWord(token) || (token !== undefined && roleCase && ROLE_NOUNS.has(token.key));
}

/**
 * Index of the first token of a title phrase that ends right before token `nameStart`, if any.
 * With `appositive`, the title may also be set off by a comma ("the judge, Harold Whitcombe").
 */
export function titleStartBefore(tokens: readonly Token[], nameStart: number, appositive = false): number | null {
  const name = tokens[nameStart];
  const nameIsJoined =
    isJoined(tokens, nameStart) || (appositive && name !== undefined && /^, $/u.test(name.gapBefore));
  if (!nameIsJoined) return null;
  const last = nameStart - 1;
  const objectTitle = titleOfObject(tokens, last);
  if (objectTitle !== null) return objectTitle;
  return isRoleWord(tokens[last]) ? runOfTitles(tokens, last) : null;
}

/**
 * Whether a title proper stands before the name ("Senator", "Minister for Trade"): evidence of a
 * person, where a role in lower case ("shareholder", "member") may stand before a company too.
 */
export function hasTitleBefore(tokens: readonly Token[], nameStart: number, appositive = false): boolean {
  const start = titleStartBefore(tokens, nameStart, appositive);
  if (start === null) return false;
  for (let index = start; index < nameStart; index++) if (isTitleWord(tokens[index])) return true;
  return false;
}

/**
 * Whether token `index` ends the object of a title ("State" in "Secretary of State", "Policy" in
 * "Minister for Territorial Policy"), so it is not part of the name after it.
 */
export function endsTitleObject(tokens: readonly Token[], index: number): boolean {
  return titleOfObject(tokens, index) !== null;
}

/**
 * "Minister of Trade", "Minister for Territorial Policy": a title, "of" or "for", then one
 * capitalised word, or up to three when a first name follows them: the name starts at a first name.
 */
function titleOfObject(tokens: readonly Token[], last: number): number | null {
  for (let first = last; first > last - 3; first--) {
    const word = tokens[first];
    if (!word || !isCapitalized(word) || !isJoined(tokens, first) || isGivenName(word)) return null;
    const preposition = tokens[first - 1];
    // "Special Agent in Charge Monica Threlkeld".
    const inCharge = preposition?.key === 'in' && word.key === 'charge';
    if (preposition && (['of', 'for'].includes(preposition.key) || inCharge) && isJoined(tokens, first - 1)) {
      return isRoleWord(tokens[first - 2]) || inCharge ? runOfTitles(tokens, first - 2) : null;
    }
    const next = tokens[last + 1];
    if (!next || !isGivenName(next)) return null;
  }
  return null;
}

function isJoined(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  return token !== undefined && !token.sentenceStart && isAdjacent(token.gapBefore);
}

function runOfTitles(tokens: readonly Token[], lastTitle: number): number {
  let first = lastTitle;
  while (isJoined(tokens, first) && isRoleWord(tokens[first - 1])) first--;
  return first;
}

/**
 * The title written directly before a name, as a description ("Mayor", "Homeland Security
 * Secretary", "Former budget minister", "ECB President"). A title set off by a comma ("Its
 * spokesman, Thiago Lobo") describes nobody; words in front of the title qualify it while they read
 * as nouns or adjectives, and stop at a possessive, a verb or a determiner ("Veldmark’s", "convicted").
 */
export function describeTitle(text: string, tokens: readonly Token[], tags: TagsOf, nameStart: number): string | null {
  let first = titleStartBefore(tokens, nameStart);
  if (first === null) return null;
  // "Prosecutor Dr. Amara Nwosu" is described as a prosecutor; "Dr." alone is the title written ("Dr.").
  let last = nameStart - 1;
  while (last > first && HONORIFICS.has(tokens[last]?.key ?? '')) last--;
  const lastTitle = tokens[last];
  if (last < first || !lastTitle) return null;
  for (let added = 0; added < 4; added++) {
    const [current, qualifier] = [tokens[first], tokens[first - 1]];
    if (!current || !qualifier || current.sentenceStart || !isAdjacent(current.gapBefore)) break;
    // "Founder and chief executive", "Chairman and CEO": two titles joined by "and".
    const joinedTitle = tokens[first - 2];
    if (qualifier.key === 'and' && isRoleWord(joinedTitle) && joinedTitle && isAdjacent(qualifier.gapBefore)) {
      first -= 2;
      continue;
    }
    if (!isQualifier(qualifier, tags(qualifier.index))) break;
    first--;
  }
  const description = text.slice(tokens[first]?.start ?? 0, lastTitle.end);
  return description.charAt(0).toUpperCase() + description.slice(1);
}

export type TagsOf = (index: number) => ReadonlySet<string> | undefined;

const NOT_QUALIFIERS = ['Determiner', 'Pronoun', 'Preposition', 'Conjunction', 'Adverb', 'Verb', 'Value', 'Date'];

function isQualifier(token: Token, tags: ReadonlySet<string> | undefined): boolean {
  if (token.possessive || CALENDAR_WORDS.has(token.key)) return false;
  if (ROLE_WORDS.has(token.key)) return true;
  if (QUALIFIER_STOPS.has(token.key)) return false;
  // compromise reads "leaving" and "names" in "The warrant names Brigadier …" as nouns.
  const verbLike = /ing$/u.test(token.key) && (!isCapitalized(token) || token.sentenceStart);
  if (verbLike || tags?.has('Pronoun') || tags?.has('Determiner')) return false;
  if (isCapitalized(token)) return true;
  if (tags?.has('Plural') || NOT_QUALIFIERS.some((tag) => tags?.has(tag))) return false;
  return tags?.has('Noun') === true || tags?.has('Adjective') === true;
}

/** Words compromise may read as nouns that never qualify a title ("said analyst", "its leader"). */
const QUALIFIER_STOPS = new Set(['its', 'his', 'her', 'their', 'our', 'the', 'a', 'an', 'said', 'says', 'told']);
