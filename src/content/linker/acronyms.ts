// Acronyms defined in brackets after a name, "the National Electoral Institute (INE)": the name is an
// organisation, and the bare acronym later in the article is the same one; and acronyms, never
// defined, that spell the initials of a name the article gave earlier.
import type { ArticleText } from './article.ts';
import type { Claim, TakenSpans } from './claims.ts';
import { inRanges, type NewMention, newOrganizationOwner } from './new-names.ts';
import { isTitleWord } from './titles.ts';
import { isAdjacent, isAllCaps, isCapitalized, type Token } from './tokens.ts';
import { CALENDAR_WORDS, CONNECTORS, NAME_LINKS, ORGANIZATION_HEADS } from './vocabulary.ts';

/** The bracketed acronym token of a definition, "(INE)". */
export type Definition = { paragraph: number; acronym: Token };

const ACRONYM = /^\p{Lu}[\p{Lu}\d&-]{1,9}$/u;
/** "AfD", "PiS": short, with capitals after the first letter. */
const MIXED_ACRONYM = /^\p{Lu}(?=.*\p{Lu})[\p{L}\d]{1,6}$/u;

export function findDefinitions(article: ArticleText): Definition[] {
  return article.tokens.flatMap((tokens, paragraph) => {
    const text = article.paragraphs[paragraph] ?? '';
    return tokens.flatMap((token) => {
      const bracketed = /\($/u.test(token.gapBefore) && text[token.end] === ')';
      const acronym = (ACRONYM.test(token.text) && isAllCaps(token.text)) || MIXED_ACRONYM.test(token.text);
      return bracketed && acronym && token.index > 0 ? [{ paragraph, acronym: token }] : [];
    });
  });
}

/**
 * The name in front of each definition whose initials spell the acronym, as a new organisation
 * ("Independent Electoral and Boundaries Commission (IEBC)"), where no other entity has its words.
 */
export function definedOrganizations(
  article: ArticleText,
  definitions: readonly Definition[],
  taken: TakenSpans,
): NewMention[] {
  return definitions.flatMap(({ paragraph, acronym }) => {
    const tokens = article.tokens[paragraph] ?? [];
    const analysis = article.analyses[paragraph];
    const first = longFormStart(tokens, acronym);
    if (first === null) return [];
    const words = tokens.slice(first, acronym.index);
    const [start, last] = [words[0], words.at(-1)];
    if (!start || !last || words.some((word) => taken.overlaps(paragraph, word.start, word.end))) return [];
    const content = words.filter((word) => !CONNECTORS.has(word.key));
    if (analysis && content.every((word) => inRanges(analysis.places, word.index))) return [];
    const name = (article.paragraphs[paragraph] ?? '').slice(start.start, last.end);
    const claim = { paragraph, first, last: acronym.index - 1, start: start.start, end: last.end };
    return [{ ...claim, owner: newOrganizationOwner(name), name, description: null }];
  });
}

/** The acronym of each definition that follows a mention, keyed by that mention's owner. */
export function acronymsOf(definitions: readonly Definition[], claims: readonly Claim[]): Map<string, string[]> {
  const byOwner = new Map<string, string[]>();
  for (const { paragraph, acronym } of definitions) {
    const named = claims.find((claim) => claim.paragraph === paragraph && claim.last === acronym.index - 1);
    if (!named?.owner.includes('organization:')) continue;
    byOwner.set(named.owner, [...(byOwner.get(named.owner) ?? []), acronym.text]);
  }
  return byOwner;
}

/**
 * Where the long form starts: the shortest run of capitalised words (with "of", "and"… inside)
 * ending before the bracket whose initials spell the acronym, or, failing that, whose letters
 * contain it in order with its first letter starting the run (Schwartz and Hearst's rule). Names
 * written in sentence case ("Confédération générale du travail (CGT)", "Alternative für
 * Deutschland (AfD)") may have lower-case words, but then every initial must spell it.
 */
function longFormStart(tokens: readonly Token[], acronym: Token): number | null {
  const letters = acronym.text.replace(/[^\p{L}\d]/gu, '').toLowerCase();
  const end = acronym.index - 1;
  const isLink = (token: Token) =>
    CONNECTORS.has(token.key) ||
    NAME_LINKS.has(token.key) ||
    ['los', 'las', 'el', 'les', 'y', 'e', 'et', 'und'].includes(token.key);
  let first = end;
  const candidates: number[] = [];
  while (first >= 0 && end - first < letters.length + 4) {
    const token = tokens[first];
    if (!token) break;
    if (isCapitalized(token) && !token.possessive && !isLink(token)) candidates.push(first);
    if (first < end && !isAdjacent(tokens[first + 1]?.gapBefore ?? '.')) break;
    if (token.sentenceStart) break;
    first--;
  }
  const lastWord = tokens[end];
  if (!lastWord || lastWord.possessive) return null;
  const textOf = (start: number) => tokens.slice(start, end + 1);
  const initials = (start: number, withLinks: boolean) =>
    textOf(start)
      .filter((token) => withLinks || !isLink(token))
      .map((token) => token.key[0])
      .join('');
  // "Cloud Infrastructure Services Providers in Europe (CISPE)": "in" may be spelt ("UNMIK") or not.
  const withoutSoftLinks = (start: number) =>
    textOf(start)
      .filter((token) => !isLink(token) && !SOFT_LINKS.has(token.text))
      .map((token) => token.key[0])
      .join('');
  const spells = (start: number) =>
    initials(start, false) === letters || initials(start, true) === letters || withoutSoftLinks(start) === letters;
  const inCapitals = (start: number) =>
    textOf(start).every((token) => isCapitalized(token) || isLink(token) || SOFT_LINKS.has(token.text));
  // A sentence-case name follows an article or a name ("the Parquet national financier (PNF)"); at
  // a sentence's start it is as likely a term ("Gross domestic product (GDP)", "Chief executive officer (CEO)").
  const inSentenceCase = (start: number) =>
    letters.length >= 3 && !tokens[start]?.sentenceStart && !textOf(start).some((token) => isTitleWord(token));
  for (const start of candidates) {
    if (spells(start) && (inCapitals(start) || inSentenceCase(start))) return withCountry(tokens, start);
  }
  for (const start of candidates) {
    const words = textOf(start).filter((token) => !isLink(token));
    if (
      inCapitals(start) &&
      words.length >= 2 &&
      lettersInOrder(
        letters,
        textOf(start).map((token) => token.key),
      )
    )
      return withModifiers(tokens, start);
  }
  return nameBeforeBracket(tokens, acronym);
}

/** Lower-case words inside a long name that an acronym may leave out ("… Providers in Europe (CISPE)"). */
const SOFT_LINKS = new Set(['in', 'against', 'at', 'to']);

/** Links that join the words of a long name before a bracket, in English and the languages news quotes. */
const LONG_NAME_LINKS = new Set([...CONNECTORS, ...NAME_LINKS, ...SOFT_LINKS, 'y', 'e', 'et', 'und']);
const ARTICLES_AFTER_LINKS = new Set(['the', 'la', 'le', 'les', 'los', 'las', 'el', 'der', 'die', 'des']);

/**
 * "the Central Office for the Fight against Trafficking in Cultural Goods (OCBC)", "the National
 * Agency of Petroleum, Natural Gas and Biofuels (ANP)": the acronym of a name in another language
 * spells nothing in its English name, so the whole name before the bracket is taken, when it is
 * built on an organisation word. A person of an organisation ("Ana Ruiz of the …") stays out.
 */
function nameBeforeBracket(tokens: readonly Token[], acronym: Token): number | null {
  const nameWord = (token: Token | undefined): token is Token =>
    token !== undefined &&
    isCapitalized(token) &&
    !token.possessive &&
    !isTitleWord(token) &&
    !CALENDAR_WORDS.has(token.key) &&
    token.key !== 'the';
  let first = acronym.index - 1;
  if (!nameWord(tokens[first])) return null;
  let listed = false;
  for (;;) {
    const [current, previous] = [tokens[first], tokens[first - 1]];
    if (!current || !previous || current.sentenceStart) break;
    if (isAdjacent(current.gapBefore) && current.gapBefore !== '' && nameWord(previous)) first--;
    // "Petroleum, Natural Gas and Biofuels": a list of objects, closed by "and".
    else if (current.gapBefore === ', ' && nameWord(previous) && listed) first--;
    else if (LONG_NAME_LINKS.has(previous.text) && isAdjacent(previous.gapBefore) && nameWord(tokens[first - 2])) {
      if (previous.text === 'and' || previous.text === '&') listed = true;
      first -= 2;
    } else if (
      ARTICLES_AFTER_LINKS.has(previous.text) &&
      LONG_NAME_LINKS.has(tokens[first - 2]?.text ?? '') &&
      !['and', '&'].includes(tokens[first - 2]?.text ?? '') &&
      nameWord(tokens[first - 3])
    )
      first -= 3;
    else break;
  }
  const words = tokens.slice(first, acronym.index);
  // The organisation word comes before the first link: "Office for the Fight …", not "Ana Ruiz of the … Agency".
  const linkAt = words.findIndex((token) => !isCapitalized(token) || token.gapBefore === ', ');
  const opening = linkAt === -1 ? words : words.slice(0, linkAt);
  if (words.filter((token) => isCapitalized(token)).length < 2) return null;
  return opening.some((token) => ORGANIZATION_HEADS.has(token.key)) ? first : null;
}

/** Country initials written before a national body are part of its name ("U.S. Food and Drug Administration (FDA)"). */
function withCountry(tokens: readonly Token[], start: number): number {
  const country = tokens[start - 1];
  const initials =
    country !== undefined && ['us', 'uk'].includes(country.key) && /^\p{Lu}\.?\p{Lu}\.?$/u.test(country.text);
  return initials && tokens[start]?.gapBefore === ' ' ? start - 1 : start;
}

/**
 * "the National Institute for Space Research (INPE)": an acronym of a name in another language
 * spells only part of its English name; capitalised words joined before that part belong to it.
 */
function withModifiers(tokens: readonly Token[], start: number): number {
  let first = start;
  for (;;) {
    const previous = tokens[first - 1];
    if (!previous || !isCapitalized(previous) || previous.possessive || previous.sentenceStart) return first;
    if (tokens[first]?.gapBefore !== ' ' || isTitleWord(previous) || CONNECTORS.has(previous.key)) return first;
    first--;
  }
}

function lettersInOrder(letters: string, words: readonly string[]): boolean {
  const long = words.join(' ');
  let position = long.length - 1;
  for (let index = letters.length - 1; index >= 0; index--) {
    const letter = letters[index];
    const atWordStart = (at: number) => at === 0 || long[at - 1] === ' ';
    while (position >= 0 && (long[position] !== letter || (index === 0 && !atWordStart(position)))) position--;
    if (position < 0) return false;
    position--;
  }
  return position === -1;
}

/**
 * A new organisation named only by capitals ("PPP") that spell the initials of another organisation
 * named earlier in the article ("People Power Party"), by its owner: that organisation, and the
 * acronym as its alias. Its earlier uses do not count: an acronym is explained before it is used.
 */
export function initialismsOf(
  claims: readonly NewMention[],
  knownNames: ReadonlyMap<string, readonly string[]>,
): Map<string, { owner: string; name: string }> {
  const initials = (name: string) =>
    name
      .split(/[\s-]+/u)
      .filter((word) => word !== '' && !LONG_NAME_LINKS.has(word.toLowerCase()))
      .map((word) => word[0] ?? '')
      .join('');
  const first = new Map<string, NewMention>();
  for (const claim of [...claims].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start))
    if (!first.has(claim.owner)) first.set(claim.owner, claim);
  const named = [...first.values()].map((claim) => ({ owner: claim.owner, names: [claim.name], at: claim }));
  const knownNamed = [...knownNames].map(([owner, names]) => ({ owner, names, at: null }));
  const aliases = new Map<string, { owner: string; name: string }>();
  for (const acronym of first.values()) {
    if (!/^\p{Lu}{3,6}$/u.test(acronym.name)) continue;
    const before = (at: NewMention | null) =>
      at === null ||
      at.paragraph < acronym.paragraph ||
      (at.paragraph === acronym.paragraph && at.end <= acronym.start);
    const targets = [...named, ...knownNamed].filter(
      ({ owner, names, at }) =>
        owner !== acronym.owner &&
        before(at) &&
        names.some((name) => name !== acronym.name && initials(name) === acronym.name),
    );
    const [target] = targets;
    if (target && targets.length === 1) aliases.set(acronym.owner, { owner: target.owner, name: acronym.name });
  }
  return aliases;
}
