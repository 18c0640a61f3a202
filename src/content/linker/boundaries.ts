// Checks on the words around a match, so a name inside a longer name is not taken for a mention:
// "Voss" in "Marcus Voss" or "Voss Harbour Homes", "Park" in "Quayside Park"; and on what a match's
// own words or neighbours make of it (a nationality's ministry, a platform used as a service), for
// listed and found names alike.
import { isEnglishWord, type ParagraphAnalysis } from './compromise-tags.ts';
import type { PatternMatch } from './names.ts';
import { isTitleWord, titleStartBefore } from './titles.ts';
import { isAdjacent, isAllCaps, isCapitalized, type Token } from './tokens.ts';
import { COMPANY_FORMS, NATIONALITIES, ORGANIZATION_HEADS } from './vocabulary.ts';

/**
 * The match is followed by another capitalised word of the same phrase ("Elena Voss Foundation").
 * Words of the entity's own names may follow ("Tessaline Shipping" for the alias "Tessaline"), but
 * not when the phrase then goes on ("Mariners Supporters Trust"); a company form ("Inc.") may end it.
 */
export function runsIntoLongerName(
  tokens: readonly Token[],
  match: PatternMatch,
  ownKeys: ReadonlySet<string>,
): boolean {
  if (match.possessive) return false;
  for (let index = match.last + 1; ; index++) {
    const next = tokens[index];
    if (!next || !isAdjacent(next.gapBefore) || !isCapitalized(next) || COMPANY_FORMS.has(next.key)) return false;
    // "UN Secretary-General", "Tessaline CEO": a title after the name does not lengthen it, nor
    // letters after a person's name ("Simon Ashcombe KC").
    if (isTitleWord(next) || POSTNOMINALS.has(next.key)) return false;
    if (!ownKeys.has(next.key) && !ownKeys.has(next.possessive?.key ?? '')) return true;
    if (next.possessive) return false;
  }
}

/** Letters written after a person's name: ranks, honours, offices. */
const POSTNOMINALS = new Set(['kc', 'qc', 'sc', 'mp', 'mep', 'msp', 'jr', 'sr', 'obe', 'cbe', 'mbe', 'kbe', 'dbe']);

/** Lower-case words of other languages that link the words of one name ("Norte de Santander"). */
const LINKS_IN_NAMES = new Set([
  'de',
  'del',
  'do',
  'da',
  'dos',
  'das',
  'di',
  'della',
  'des',
  'du',
  'von',
  'van',
  'der',
]);

/** The match is preceded by a capitalised word that reads as part of the same name ("Marcus Voss"). */
export function followsNameWord(
  tokens: readonly Token[],
  analysis: ParagraphAnalysis | undefined,
  match: PatternMatch,
  ownKeys: ReadonlySet<string>,
): boolean {
  const first = tokens[match.first];
  const previous = tokens[match.first - 1];
  if (!first || !previous || !isAdjacent(first.gapBefore)) return false;
  // "Norte de Santander", "Fédération Tchadienne de Football Association": the end of a longer name.
  if (LINKS_IN_NAMES.has(previous.text) && isCapitalized(tokens[match.first - 2]) && isAdjacent(previous.gapBefore))
    return !ownKeys.has(previous.key);
  if (!isCapitalized(previous)) return false;
  // "told The Associated Press": a capitalised article is not a name word.
  if (previous.possessive || ownKeys.has(previous.key) || previous.key === 'the') return false;
  if (isTitleWord(previous) || titleStartBefore(tokens, match.first) !== null) return false;
  // A capitalised first word of a sentence is usually just a sentence start ("When Voss…"),
  // unless compromise knows it as a name ("Marcus Voss…") or it is no English word ("Verde Vivo said").
  if (previous.sentenceStart) {
    const tags = analysis?.tags[previous.index];
    const unknown = !isEnglishWord(previous.key) && !tags?.has('Plural') && !tags?.has('Organization');
    return tags?.has('FirstName') === true || tags?.has('Person') === true || unknown;
  }
  return true;
}

/**
 * A surname that opens a sentence and is followed by a noun is probably the common word
 * ("Grant funding was approved", "Park officials said"), not the person ("Grant said").
 */
export function opensSentenceAsCommonWord(
  tokens: readonly Token[],
  analysis: ParagraphAnalysis | undefined,
  match: PatternMatch,
): boolean {
  const first = tokens[match.first];
  const next = tokens[match.last + 1];
  if (!first?.sentenceStart || match.possessive || !next || !/^ $/u.test(next.gapBefore) || isCapitalized(next))
    return false;
  const tags = analysis?.tags[next.index];
  return tags?.has('Noun') === true && !tags.has('Verb');
}

/**
 * The match ends the name of a body after "of the" ("European Union" in "Court of Justice of the
 * European Union", "Council of the European Union"): an organisation word opens that name.
 */
export function endsNameOfBody(tokens: readonly Token[], match: PatternMatch): boolean {
  const [article, of] = [tokens[match.first - 1], tokens[match.first - 2]];
  if (article?.text !== 'the' || of?.text !== 'of' || !isAdjacent(article.gapBefore) || !isAdjacent(of.gapBefore))
    return false;
  const head = (index: number) => {
    const token = tokens[index];
    return isCapitalized(token) && !token?.possessive && ORGANIZATION_HEADS.has(token?.key ?? '');
  };
  // "Court of Justice of the …": the body's own object comes first.
  const object = tokens[match.first - 3];
  const ownObject =
    isCapitalized(object) && !object?.possessive && tokens[match.first - 4]?.text === 'of' && head(match.first - 5);
  return head(match.first - 3) || ownObject;
}

/**
 * "Security Council" in "Peace and Security Council": a name ending in an organisation word ends a
 * longer one after "and" and a word that names nothing of its own (no person, place, organisation or
 * acronym: "the IMF and World Bank" are two).
 */
export function endsNameAfterAnd(
  tokens: readonly Token[],
  analysis: ParagraphAnalysis | undefined,
  match: { first: number; last: number },
): boolean {
  const [link, owner, last] = [tokens[match.first - 1], tokens[match.first - 2], tokens[match.last]];
  if (link?.key !== 'and' || !owner || !last || match.first === match.last) return false;
  if (!isAdjacent(link.gapBefore) || !isAdjacent(tokens[match.first]?.gapBefore ?? '.')) return false;
  if (!isCapitalized(owner) || owner.possessive || isTitleWord(owner) || isAllCaps(owner.text)) return false;
  if (!ORGANIZATION_HEADS.has(last.key) || ORGANIZATION_HEADS.has(owner.key)) return false;
  const tags = analysis?.tags[owner.index];
  return !['Person', 'Place', 'Organization'].some((tag) => tags?.has(tag));
}

/**
 * "Russian Defence Ministry", "French National Assembly": a nationality before a ministry or a
 * chamber only says whose it is, so it is no part of the name. Armies, police forces and
 * parliaments with names of their own keep it ("Haitian National Police", "Scottish Parliament",
 * the party "Nepali Congress").
 */
export function isNationalStateBody(keys: readonly string[]): boolean {
  const [nationality = '', ...rest] = keys;
  if (!NATIONALITIES.has(nationality) || rest.length === 0 || rest.length > 4) return false;
  const ministry = rest.at(-1) === 'ministry' || (rest[0] === 'ministry' && rest[1] === 'of');
  return ministry || ['senate', 'national assembly'].includes(rest.join(' '));
}

/** Platforms whose name is as often the service as the company ("on Instagram", "the Starlink network"). */
const SERVICE_NAMES = new Set([
  'instagram',
  'whatsapp',
  'youtube',
  'facebook',
  'telegram',
  'tiktok',
  'weibo',
  'wechat',
  'snapchat',
  'linkedin',
  'starlink',
  'google pay',
  'apple pay',
]);

/** Lower-case words after a platform's name that make it the service ("the Starlink network"). */
const SERVICE_NOUNS = new Set(['network', 'service', 'app', 'platform', 'terminals', 'dishes', 'channel', 'feed']);

/**
 * "posted on Instagram", "through WhatsApp and Telegram", "the Starlink network": a platform used
 * is a service, which is no organisation; "Instagram said", "owns YouTube" stay the company.
 */
export function isServiceInUse(tokens: readonly Token[], claim: { first: number; last: number }): boolean {
  const name = tokens
    .slice(claim.first, claim.last + 1)
    .map((token) => token.key)
    .join(' ');
  if (!SERVICE_NAMES.has(name)) return false;
  const before = tokens[claim.first - 1];
  const next = tokens[claim.last + 1];
  const used = (word: Token | undefined) => ['on', 'via', 'through', 'across'].includes(word?.key ?? '');
  // "on Facebook and Instagram": the second of two platforms after "on".
  const listed = before?.key === 'and' && used(tokens[claim.first - 3]);
  const serviceNoun = next !== undefined && next.text === next.key && SERVICE_NOUNS.has(next.key);
  return used(before) || listed || serviceNoun;
}
