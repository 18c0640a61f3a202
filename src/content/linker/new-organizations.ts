// New organisations: what compromise tags as one, names built on an organisation word ("Universidad
// de Chile"), and names a sentence says are organisations ("the charity Safe Harbour Youth",
// "Parcelwise, a start-up"), each extended to the whole name and filtered hard.
import nlp from 'compromise';
import type { ArticleText } from './article.ts';
import { isEnglishWord, type TokenRange } from './compromise-tags.ts';
import { isFirstName, isGivenName } from './first-names.ts';
import {
  continuesPhrase,
  type DiscoveryContext,
  inRanges,
  isFree,
  mentionOf,
  type NewMention,
  newOrganizationOwner,
  type Paragraph,
  paragraphsOf,
  splitAtPunctuation,
  withoutTakenEnds,
} from './new-names.ts';
import { isTitleWord } from './titles.ts';
import { isCapitalized, type Token } from './tokens.ts';
import {
  CALENDAR_WORDS,
  CLUB_ENDINGS,
  COMPANY_THINGS,
  COMPETITION_WORDS,
  CONNECTORS,
  ENGLISH_LINKS,
  EVENT_AND_LAW_WORDS,
  EXPERT_NOUNS,
  GROUP_NOUNS_AFTER,
  MATCH_VERBS_AFTER,
  MATCH_WORDS_BEFORE,
  NAME_LINKS,
  ORGANIZATION_HEADS,
  ORGANIZATION_NOUNS,
  PLURAL_NOUNS,
  SPORTS,
  THING_WORDS,
  TITLE_WORDS,
} from './vocabulary.ts';

export function discoverOrganizations(article: ArticleText, context: DiscoveryContext): NewMention[] {
  return paragraphsOf(article).flatMap((paragraph) => {
    const found = [...paragraph.analysis.organizations, ...headedNames(paragraph), ...clubNames(paragraph)]
      .flatMap((range) => splitAtPunctuation(paragraph.tokens, range))
      .flatMap((range) => {
        const trimmed = trimOrganization(paragraph, extendOrganization(paragraph, range), context);
        return trimmed && looksLikeOrganization(paragraph, trimmed) ? [trimmed] : [];
      });
    const cued = cuedNames(paragraph).flatMap((range) => {
      const free = withoutTakenEnds(paragraph, range, context);
      return free && free.first === range.first && free.last === range.last && isCuedName(paragraph, range)
        ? [range]
        : [];
    });
    if (process.env.DLDBG)
      console.log(
        'FOUND',
        found.map((r) =>
          paragraph.tokens
            .slice(r.first, r.last + 1)
            .map((t) => t.text)
            .join(' '),
        ),
        'CUED',
        cued.map((r) =>
          paragraph.tokens
            .slice(r.first, r.last + 1)
            .map((t) => t.text)
            .join(' '),
        ),
      );
    const bodies = sportBodies(paragraph).filter((range) => isCuedName(paragraph, range));
    return [...found.map((range) => withQualifier(paragraph, range, context)), ...cued, ...bodies].flatMap((range) =>
      mentionOf(paragraph, range, context, newOrganizationOwner, () => null).map((mention) =>
        qualified(paragraph, range)
          ? {
              ...mention,
              end: mention.end + 1,
              name: `${mention.name})`,
              owner: newOrganizationOwner(`${mention.name})`),
            }
          : mention,
      ),
    );
  });
}

/** Words in brackets after a party's name that tell its faction ("Janata Dal (United)"), not where it is. */
const PARTY_QUALIFIERS = new Set(['united', 'secular', 'marxist', 'maoist', 'official', 'provisional', 'reformed']);

/** "Janata Dal (United)", "Janata Dal (Secular)": a word in brackets that is part of a party's name. */
function withQualifier(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange {
  const next = paragraph.tokens[range.last + 1];
  if (!next || !PARTY_QUALIFIERS.has(next.key) || !isCapitalized(next) || !isFree(next, context)) return range;
  if (next.gapBefore !== ' (' || paragraph.text[next.end] !== ')') return range;
  return { first: range.first, last: next.index };
}

function qualified(paragraph: Paragraph, range: TokenRange): boolean {
  const last = paragraph.tokens[range.last];
  return last !== undefined && last.gapBefore === ' (' && paragraph.text[last.end] === ')';
}

/** Capitalised organisation words that open or carry a name ("Instituto Butantan", "University of Ghana"). */
function headedNames(paragraph: Paragraph): TokenRange[] {
  return paragraph.tokens.flatMap((token) =>
    isCapitalized(token) && isHead(token) ? [{ first: token.index, last: token.index }] : [],
  );
}

/** "Carlisle United", "Boca Juniors": a word that ends a club's name after a place. */
function clubNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const [previous, next] = [tokens[token.index - 1], tokens[token.index + 1]];
    if (!isCapitalized(token) || !CLUB_ENDINGS.has(token.possessive?.key ?? token.key)) return [];
    if (!isCapitalized(previous) || previous?.possessive || !/^ $/u.test(token.gapBefore)) return [];
    if (!token.possessive && next && isCapitalized(next) && continuesPhrase(next)) return [];
    return [{ first: token.index, last: token.index }];
  });
}

/** "Athletics Kenya", "Cricket Australia": a sport and the country whose body it is. */
function sportBodies(paragraph: Paragraph): TokenRange[] {
  const { tokens, analysis } = paragraph;
  return tokens.flatMap((token) => {
    const place = tokens[token.index + 1];
    if (!isCapitalized(token) || !SPORTS.has(token.key) || !place || !/^ $/u.test(place.gapBefore)) return [];
    const isPlace = analysis.tags[place.index]?.has('Place') || inRanges(analysis.places, place.index);
    return isPlace && isCapitalized(place) && !isCapitalized(tokens[place.index + 1])
      ? [{ first: token.index, last: place.index }]
      : [];
  });
}

/** "Association", "Associations": a word organisations' names are built on. */
function isHead(token: Token | undefined): boolean {
  if (!token) return false;
  return (
    ORGANIZATION_HEADS.has(token.key) || (token.key.endsWith('s') && ORGANIZATION_HEADS.has(token.key.slice(0, -1)))
  );
}

/**
 * A possessive that belongs to the name after it, which ends in an organisation word: a plural
 * ("Irish Air Line Pilots’ Association", "People’s Party"), a title ("Attorney General’s Office") or a
 * saint ("St Mary’s Hospital").
 * An owner ("India’s Election Commission", "Acme’s Board") is not part of the name.
 */
function isPossessiveInName(tokens: readonly Token[], index: number): boolean {
  const [token, next] = [tokens[index], tokens[index + 1]];
  if (!token || !next || !isCapitalized(token) || !isCapitalized(next)) return false;
  const plural = /^['’ʼ] $/u.test(next.gapBefore) && /s$/u.test(token.text) && !token.possessive;
  const owner = token.possessive?.key ?? '';
  // "St Mary’s Hospital", "St John’s College": a saint's name.
  const saint = ['st', 'saint'].includes(tokens[index - 1]?.key ?? '') && token.possessive !== null;
  const singular = /^ $/u.test(next.gapBefore) && (PLURAL_NOUNS.has(owner) || TITLE_WORDS.has(owner) || saint);
  if (!plural && !singular) return false;
  // The name goes on to its organisation word ("Seafarers’ Welfare Association").
  for (let after = index + 1; after <= index + 4; after++) {
    const word = tokens[after];
    if (!word || !isCapitalized(word) || (after > index + 1 && !/^ $/u.test(word.gapBefore))) return false;
    if (isHead(word)) return true;
    if (word.possessive) return false;
  }
  return false;
}

/** "and" in the languages news quotes most ("Instituto Brasileiro de Opinião Pública e Estatística"). */
const AND_WORDS = new Set(['and', 'e', 'y', 'et', 'und', 'ed']);

const ORDINAL = /^\d+(?:st|nd|rd|th)$/u;

/** Organisation words that are also players' positions ("Guard", "Center"). */
const POSITION_HEADS = new Set(['guard', 'center', 'centre']);

/** AND_WORDS of other languages, which in English copy appear only inside names. */
const FOREIGN_AND_WORDS = new Set(['y', 'e', 'et', 'und', 'ed']);

/** "Prime" in "Palestinian Authority Prime Minister": a word that opens a minister's title, not the name. */
function opensPortfolioTitle(tokens: readonly Token[], index: number): boolean {
  const next = tokens[index + 1];
  return (
    next !== undefined &&
    /^ $/u.test(next.gapBefore) &&
    ['minister', 'secretary'].includes(next.key) &&
    !isHead(tokens[index])
  );
}

/** A capitalised word joined to the one before: a name going on ("Justice Maria Lopez"). */
function startsName(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  return token !== undefined && /^ $/u.test(token.gapBefore) && isCapitalized(token);
}

/**
 * "Ministry of Economy, Trade and Industry", "Department for Environment, Food and Rural Affairs":
 * a list of common nouns as the object, ending with "and"; returns the index of its last word.
 */
function listedObjectEnd(paragraph: Paragraph, last: number): number | null {
  const { tokens, analysis } = paragraph;
  let index = last;
  // A common noun: not a name compromise knows as a person's or a place's.
  const noun = (token: Token | undefined): token is Token =>
    token !== undefined &&
    isCapitalized(token) &&
    !isTitleWord(token) &&
    !token.possessive &&
    !isFirstName(token) &&
    !['Person', 'Place', 'Organization'].some((tag) => analysis.tags[token.index]?.has(tag));
  const item = (from: number): number | null => {
    const [word, second] = [tokens[from], tokens[from + 1]];
    if (!noun(word)) return null;
    return noun(second) && /^ $/u.test(second.gapBefore) ? from + 1 : from;
  };
  for (let items = 0; items < 4; items++) {
    const next = tokens[index + 1];
    if (!next) return null;
    if (/^, $/u.test(next.gapBefore)) {
      const end = item(index + 1);
      if (end === null) return null;
      index = end;
    } else if (items > 0 && next.key === 'and' && /^ $/u.test(next.gapBefore)) {
      const end = item(index + 2);
      if (end === null || !/^ $/u.test(tokens[index + 2]?.gapBefore ?? '')) return null;
      return end;
    } else return null;
  }
  return null;
}

/** Particles written between hyphens inside Arabic and Urdu names ("al-Shabaab", "Lashkar-e-Taiba", "Hizb-ut-Tahrir"). */
const HYPHEN_PARTICLES = new Set(['al', 'el', 'e', 'i', 'ul', 'ud', 'ut', 'un', 'ur', 'bin', 'ibn']);

/** What a company does in a clause after its name ("Zentrix, which makes chips"). */
const COMPANY_VERBS = new Set([
  'makes',
  'owns',
  'operates',
  'employs',
  'sells',
  'manufactures',
  'produces',
  'builds',
  'supplies',
  'represents',
  'controls',
]);

/** "a spokeswoman for Helvetia Re": who speaks for an organisation. */
const SPOKESPEOPLE = new Set(['spokesman', 'spokeswoman', 'spokesperson']);

/** Lower-case words that may open a name's object after a link ("Hospital de la Paz", "Bank of the South"). */
const ARTICLES = new Set(['the', 'la', 'le', 'les', 'los', 'las', 'el']);

// compromise often stops short ("Harbourview Department" for "... Department of Transportation").
function extendOrganization(paragraph: Paragraph, range: TokenRange): TokenRange {
  const { tokens } = paragraph;
  let { first, last } = range;
  // "Bank of England" is one name; "Copperline Ales of Port Ellery" is a name and where it is. A
  // link from another language joins any name ("Hospital Universitario Virgen del Rocío").
  // "Directorate General of Migration Management": a title word may follow the organisation word.
  const headEnds = () =>
    isHead(tokens[last]) ||
    (tokens[last]?.key === 'general' && tokens[last - 1] !== undefined && isHead(tokens[last - 1]));
  // "Supreme Court of Justice of the Nation": a title as the object may take an object of its own.
  const linkJoins = (link: Token) =>
    headEnds() || !ENGLISH_LINKS.has(link.key) || (inObject && isTitleWord(tokens[last]));
  const joinable = (token: Token | undefined): token is Token =>
    token !== undefined && continuesPhrase(token) && !token.sentenceStart;
  const nameWord = (token: Token | undefined) =>
    token !== undefined &&
    isCapitalized(token) &&
    !isTitleWord(token) &&
    !CALENDAR_WORDS.has(token.key) &&
    !opensPortfolioTitle(tokens, token.index);
  // "Court of Justice", "Office of the President": a title word as the object, when no name follows it.
  // An ordinal before a name word is part of it too ("Court of the 4th Region").
  const objectWord = (token: Token | undefined) =>
    nameWord(token) ||
    (token !== undefined && isCapitalized(token) && isTitleWord(token) && !startsName(tokens, token.index + 1)) ||
    (token !== undefined && ORDINAL.test(token.text) && nameWord(tokens[token.index + 1]));
  for (;;) {
    const previous = tokens[first - 1];
    if (joinable(tokens[first]) && nameWord(previous) && !previous?.possessive) first--;
    // "9th U.S. Circuit Court of Appeals": an ordinal opens the name.
    else if (joinable(tokens[first]) && ORDINAL.test(previous?.text ?? '') && !tokens[first]?.sentenceStart) first--;
    else if (isPossessiveInName(tokens, first - 1) && !tokens[first]?.sentenceStart) first--;
    // "City of London Police": a name with "of" inside may come before the organisation word.
    else if (
      previous &&
      ENGLISH_LINKS.has(previous.key) &&
      joinable(tokens[first]) &&
      joinable(previous) &&
      nameWord(tokens[first - 2]) &&
      !tokens[first - 2]?.possessive &&
      isHead(tokens[last])
    )
      first -= 2;
    // "Korea Disease Control and Prevention Agency", but not "Ford and Rockefeller Foundation".
    else if (
      previous?.key === 'and' &&
      isHead(tokens[last]) &&
      first < last &&
      joinable(tokens[first]) &&
      joinable(previous) &&
      nameWord(tokens[first - 2]) &&
      !tokens[first - 2]?.possessive &&
      !isHead(tokens[first - 2]) &&
      !['Person', 'Place', 'Organization'].some((tag) => paragraph.analysis.tags[first - 2]?.has(tag))
    )
      first -= 2;
    else break;
  }
  // "General Court", "Attorney General’s Office": titles, then only the organisation word.
  if (isHead(tokens[last]) && (first === last || isPossessiveInName(tokens, first))) {
    while (joinable(tokens[first]) && isTitleWord(tokens[first - 1]) && !tokens[first - 1]?.possessive) first--;
  }
  // compromise may have found the object already ("Ministry of Economy").
  let inObject = tokens.slice(first + 1, last).some((token) => NAME_LINKS.has(token.key));
  for (;;) {
    const next = tokens[last + 1];
    const afterNext = tokens[last + 2];
    if (isPossessiveInName(tokens, last) && !next?.sentenceStart) last++;
    else if (tokens[last]?.possessive) break;
    else if (joinable(next) && (nameWord(next) || (next.key === 'general' && isHead(tokens[last])))) last++;
    // "Ballyvale Co-operative": the hyphenated rest of the word.
    else if (tokens[last]?.key === 'co' && next?.gapBefore === '-' && ['operative', 'op'].includes(next.key)) last++;
    else if (
      joinable(next) &&
      NAME_LINKS.has(next.key) &&
      joinable(afterNext) &&
      objectWord(afterNext) &&
      linkJoins(next)
    ) {
      last += 2;
      inObject = true;
    } else if (
      joinable(next) &&
      NAME_LINKS.has(next.key) &&
      ARTICLES.has(afterNext?.key ?? '') &&
      linkJoins(next) &&
      joinable(afterNext) &&
      joinable(tokens[last + 3]) &&
      objectWord(tokens[last + 3])
    ) {
      last += 3;
      inObject = true;
    } else if (
      joinable(next) &&
      isTitleWord(next) &&
      NAME_LINKS.has(afterNext?.key ?? '') &&
      !ENGLISH_LINKS.has(afterNext?.key ?? '')
    ) {
      // "Universidad Nacional Mayor de San Marcos": a title word in another language's name.
      last++;
    } else if (
      joinable(next) &&
      AND_WORDS.has(next.key) &&
      (inObject || FOREIGN_AND_WORDS.has(next.key)) &&
      joinable(afterNext) &&
      nameWord(afterNext)
    ) {
      // "Colectivo Justicia y Memoria": "and" in another language joins a name anywhere.
      last += 2;
    } else if (inObject && listedObjectEnd(paragraph, last) !== null) {
      last = listedObjectEnd(paragraph, last) ?? last;
    } else break;
  }
  return { first, last };
}

function trimOrganization(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange | null {
  const free = withoutTakenEnds(paragraph, range, context);
  if (!free) return null;
  let { first, last } = free;
  const token = (index: number) => paragraph.tokens[index];
  const isLinkWord = (index: number) =>
    CONNECTORS.has(token(index)?.key ?? '') || NAME_LINKS.has(token(index)?.key ?? '');
  // "Tomás Herrera of [the Max Planck Institute]": what stays when another name takes the object is
  // who belongs to it, not an organisation.
  if (last < range.last && isLinkWord(last)) return null;
  // "India’s Election Commission", "Northcliff’s Tidewater Brewing Co": the owner is not part of the name.
  for (let index = last - 1; index >= first; index--) {
    if (token(index)?.possessive && !isPossessiveInName(paragraph.tokens, index)) {
      first = index + 1;
      break;
    }
  }
  while (first <= last && (isLinkWord(first) || isSentenceStartWord(paragraph, first))) first++;
  while (last >= first && isLinkWord(last)) last--;
  return first <= last ? { first, last } : null;
}

function looksLikeOrganization(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  // "4th" in "Court of the 4th Region", "-operative" in "Co-operative" are parts of capitalised names.
  const wordPart = (token: Token) =>
    ORDINAL.test(token.text) || (token.gapBefore === '-' && ['operative', 'op'].includes(token.key));
  const words = tokens.filter(
    (token) =>
      !CONNECTORS.has(token.key) && !NAME_LINKS.has(token.key) && !AND_WORDS.has(token.key) && !wordPart(token),
  );
  if (words.length < 2 || tokens.length > 9) return false;
  if (!words.every((token) => isCapitalized(token) && !CALENDAR_WORDS.has(token.key))) return false;
  if (namesEventOrLaw(tokens)) return false;
  // "Tomás Herrera of the Max Planck Institute": a person, named with where they work.
  const after = paragraph.tokens[range.last + 1];
  const affiliation = after !== undefined && ['of', 'at', 'from'].includes(after.key) && /^ $/u.test(after.gapBefore);
  if (affiliation && tokens[0] !== undefined && isGivenName(tokens[0]) && !tokens.some(isHead)) return false;
  // "Guard Nikola Vuković scored": a player's position before a name, not an organisation.
  if (POSITION_HEADS.has(tokens[0]?.key ?? '') && tokens[1] !== undefined && isGivenName(tokens[1])) return false;
  // "General Court" and "Attorney General’s Office" are bodies; "President Jane Doe" is not.
  const titled = tokens.slice(0, -1).every((token) => TITLE_WORDS.has(token.possessive?.key ?? token.key));
  if (isTitleWord(tokens[0]) && !(titled && isHead(tokens.at(-1)))) return false;
  // A run of place names ("Costa Serena", "Puerto Almendro") is not an organisation.
  return !words.every((token) => inRanges(paragraph.analysis.places, token.index));
}

/**
 * "Digital Markets Act", "Champions League", "Council Tax", "Exchange Street": a law, a
 * competition, a thing or a place, not who runs it.
 */
function namesEventOrLaw(tokens: readonly Token[]): boolean {
  const [before, last] = [tokens.at(-2), tokens.at(-1)];
  if (!last) return false;
  const key = last.possessive?.key ?? last.key;
  if (THING_WORDS.has(key) && !isHead(last)) return true;
  // "Champions League", "Swedish Hockey League": a competition.
  const competition = COMPETITION_WORDS.has(before?.key ?? '') || SPORTS.has(before?.key ?? '');
  return EVENT_AND_LAW_WORDS.has(key) || (key === 'league' && competition);
}

/** A common word opening the sentence, not the name; an organisation word may open one ("Club Nacional beat…"). */
function isSentenceStartWord(paragraph: Paragraph, index: number): boolean {
  const token = paragraph.tokens[index];
  if (!token?.sentenceStart || isHead(token)) return false;
  const tags = paragraph.analysis.tags[index];
  return !['ProperNoun', 'Organization', 'Person', 'Place'].some((tag) => tags?.has(tag));
}

/**
 * Names the sentence calls organisations: after a noun ("the charity Safe Harbour Youth",
 * "start-up Parcelwise", "shares of Klarna"), before one ("the Cannery Boys gang"), or set off by
 * commas beside one ("InSight Crime, a research group", "a rival crew, Southside 19,").
 */
function cuedNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  const ranges: TokenRange[] = [];
  for (const token of tokens) {
    const next = tokens[token.index + 1];
    if (!next || !isCapitalized(next)) continue;
    const spaced = /^ $/u.test(next.gapBefore);
    const noun = isOrganizationNoun(tokens, token.index);
    const sharesOf = ['of', 'in'].includes(token.key) && tokens[token.index - 1]?.key === 'shares';
    // "a spokeswoman for Helvetia Re"; one word may be a person ("a spokesman for Biden").
    const speaksFor = token.key === 'for' && SPOKESPEOPLE.has(tokens[token.index - 1]?.key ?? '');
    if (
      spaced &&
      !isCapitalized(token) &&
      (noun || sharesOf || speaksFor || introducesOrganization(tokens, token.index))
    ) {
      const name = nameFrom(tokens, next.index);
      if (!speaksFor || name.last > name.first) ranges.push(name, ...coordinated(tokens, name));
    } else if (/^, $/u.test(next.gapBefore) && noun) {
      const name = nameFrom(tokens, next.index);
      if (/^[,.;]/u.test(tokens[name.last + 1]?.gapBefore ?? '.')) ranges.push(name);
    }
  }
  for (const token of tokens) {
    if (!isCapitalized(token) || (token.index > 0 && isCapitalized(tokens[token.index - 1]))) continue;
    if (tokens[token.index - 1]?.possessive || isHyphenParticle(tokens, token.index - 1)) continue;
    // "The Jan Shakti Morcha, a regional party": the sentence's "The" is not part of the name.
    const opensWithThe = token.key === 'the' && isCapitalized(tokens[token.index + 1]);
    const name = nameFrom(tokens, opensWithThe ? token.index + 1 : token.index);
    const after = tokens[name.last + 1];
    if (groupNounAfter(paragraph, name.last) && (opensWithThe || !token.sentenceStart)) ranges.push(name);
    else if (ownsCompanyThing(tokens, name) || actsAsCompany(tokens, name)) ranges.push(name);
    else if (after && /^, $/u.test(after.gapBefore) && describesAsOrganization(tokens, name.last + 1))
      ranges.push(name);
    else ranges.push(...team(paragraph, name));
  }
  return ranges;
}

/** "the Cannery Boys gang", "the FIOM-CGIL metalworkers’ union": a group noun after the name. */
function groupNounAfter(paragraph: Paragraph, last: number): boolean {
  const { tokens, analysis } = paragraph;
  const { tags } = analysis;
  const after = tokens[last + 1];
  if (!after || !/^ $/u.test(after.gapBefore)) return false;
  if (GROUP_NOUNS_AFTER.has(after.key)) return true;
  // "the Tehreek-e-Labbaik Pakistan party"; an English word before "party" is as often an
  // adjective ("the Republican party", "the New York Republican party").
  if (after.key === 'party') {
    const word = tokens[last];
    const adjective = tags[last]?.has('Adjective') || (isEnglishWord(word?.key ?? '') && !tags[last]?.has('Place'));
    return isNamePhrase(tokens, last) && !adjective;
  }
  const noun = tokens[last + 2];
  return /s$/u.test(after.text) && !isCapitalized(after) && noun?.key === 'union' && /^['’] $/u.test(noun.gapBefore);
}

/** The name ending at `last` has two or more words. */
function isNamePhrase(tokens: readonly Token[], last: number): boolean {
  const previous = tokens[last - 1];
  return previous !== undefined && /^[ -]$/u.test(tokens[last]?.gapBefore ?? '') && isCapitalized(previous);
}

/**
 * "Financiera Andina Sur’s largest shareholder", "Nordvik’s chief executive": what only a company
 * has. A one-word name may be a person's ("Musk’s shares", "Trump’s chief executive order").
 */
function ownsCompanyThing(tokens: readonly Token[], name: TokenRange): boolean {
  if (!tokens[name.last]?.possessive) return false;
  let index = name.last + 1;
  while (index < name.last + 3 && ['largest', 'biggest', 'main', 'new', 'former'].includes(tokens[index]?.key ?? ''))
    index++;
  const [noun, nextNoun] = [tokens[index], tokens[index + 1]];
  if (!noun || !/^ $/u.test(noun.gapBefore)) return false;
  const chief = noun.key === 'chief' && ['executive', 'financial'].includes(nextNoun?.key ?? '');
  if (name.first === name.last && tokens[index + 2]?.key === 'order') return false;
  if (name.first === name.last) return chief || (COMPANY_THINGS.has(noun.key) && noun.key !== 'shares');
  return chief || COMPANY_THINGS.has(noun.key);
}

/** "Kalvero, which makes sensors,": what a company does, in a clause after its name. */
function actsAsCompany(tokens: readonly Token[], name: TokenRange): boolean {
  const [after, verb] = [tokens[name.last + 1], tokens[name.last + 2]];
  // "The Amazon, which supplies water": a river or a region takes an article; a company does not.
  if (!after || !verb || tokens[name.last]?.possessive || tokens[name.first - 1]?.key === 'the') return false;
  return /^, $/u.test(after.gapBefore) && after.key === 'which' && COMPANY_VERBS.has(verb.key);
}

/**
 * The word before a name that says an organisation follows: "a group known as Black Meridian",
 * "a firm called Parcelwise", "analysts at XP Investimentos", "the Budapest-based Medián institute".
 */
function introducesOrganization(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  if (token.key === 'based' && token.gapBefore === '-') return true;
  if (token.key === 'at') return EXPERT_NOUNS.has(tokens[index - 1]?.key ?? '');
  const naming = ['called', 'named'].includes(token.key) || (token.key === 'as' && tokens[index - 1]?.key === 'known');
  if (!naming) return false;
  for (let before = index - (token.key === 'as' ? 2 : 1); before >= index - 4; before--) {
    if (isTitleWord(tokens[before])) return false;
    if (isOrganizationNoun(tokens, before)) return true;
  }
  return false;
}

/**
 * "Westbrook Wolves beat…", "…drew with Harbourview Gulls": a place and a plural nickname in a
 * result. "beat" alone is enough after the name; "with", "to", "over" need a result before them.
 */
function team(paragraph: Paragraph, range: TokenRange): TokenRange[] {
  const { tokens, analysis } = paragraph;
  let last = range.last;
  while (last > range.first && /^\d+$/u.test(tokens[last]?.text ?? '')) last--;
  const [first, lastWord] = [tokens[range.first], tokens[last]];
  if (!first || !lastWord || last === range.first || lastWord.possessive || !/[^s]s$/u.test(lastWord.text)) return [];
  if (first.key === 'the') return [];
  for (let index = range.first; index <= last; index++) {
    if (inRanges(analysis.places, index) || analysis.tags[index]?.has('Place')) return [];
  }
  const name = { first: range.first, last };
  const after = tokens[last + 1];
  if (after && /^ $/u.test(after.gapBefore) && MATCH_VERBS_AFTER.has(after.key)) return [name];
  const skip = tokens[range.first - 1]?.key === 'the' ? 1 : 0;
  const [before, beforeThat] = [tokens[range.first - 1 - skip], tokens[range.first - 2 - skip]];
  if (!before || !/^ $/u.test(first.gapBefore) || !MATCH_WORDS_BEFORE.has(before.key)) return [];
  const result = ['drew', 'lost', 'win', 'victory'];
  return ['beat', 'against', 'defeated'].includes(before.key) || result.includes(beforeThat?.key ?? '') ? [name] : [];
}

/**
 * A run of capitalised words and numbers starting at `first` ("Southside 19", "Safe Harbour Youth"),
 * with "de", "of"… inside ("Mariscos del Pacífico").
 */
function nameFrom(tokens: readonly Token[], first: number): TokenRange {
  let last = first;
  const joined = (token: Token | undefined): token is Token => token !== undefined && /^[ -]$/u.test(token.gapBefore);
  while (last - first < 5 && !tokens[last]?.possessive) {
    const [next, afterNext] = [tokens[last + 1], tokens[last + 2]];
    if (joined(next) && (isCapitalized(next) || /^\d+$/u.test(next.text))) last++;
    // "Jamaat Ansar al-Islam", "Tehreek-e-Labbaik": a particle between hyphens is part of the name.
    else if (isHyphenParticle(tokens, last + 1)) last += 2;
    // "Colectivo Justicia y Memoria": "and" in another language.
    else if (
      joined(next) &&
      FOREIGN_AND_WORDS.has(next.key) &&
      /^ $/u.test(next.gapBefore) &&
      joined(afterNext) &&
      isCapitalized(afterNext)
    )
      last += 2;
    else if (
      joined(next) &&
      NAME_LINKS.has(next.key) &&
      joined(afterNext) &&
      isCapitalized(afterNext) &&
      !CALENDAR_WORDS.has(afterNext.key)
    )
      last += 2;
    else break;
  }
  return { first, last };
}

function isHyphenParticle(tokens: readonly Token[], index: number): boolean {
  const [particle, next] = [tokens[index], tokens[index + 1]];
  if (!particle || !next || !HYPHEN_PARTICLES.has(particle.text) || next.gapBefore !== '-') return false;
  return /^[ -]$/u.test(particle.gapBefore) && isCapitalized(next);
}

/** "chipmakers SMIC and Hua Hong": the names listed with the first. */
function coordinated(tokens: readonly Token[], name: TokenRange): TokenRange[] {
  const [link, next] = [tokens[name.last + 1], tokens[name.last + 2]];
  if (!link || !next || !['and', 'or'].includes(link.key) || !isCapitalized(next) || next.sentenceStart) return [];
  if (!/^ $/u.test(link.gapBefore) || !/^ $/u.test(next.gapBefore)) return [];
  return [nameFrom(tokens, next.index)];
}

/** ", a research group that…", ", the country’s largest white-collar union,": an organisation noun heads it. */
function describesAsOrganization(tokens: readonly Token[], first: number): boolean {
  // ", Japan’s largest labour union federation,": a possessive may stand for the article.
  const opening = tokens[first];
  if (!opening || !(['a', 'an', 'the'].includes(opening.key) || (opening.possessive && isCapitalized(opening))))
    return false;
  for (let index = first + 1; index < first + 7; index++) {
    const token = tokens[index];
    if (!token || /[,.;:()“”"]/u.test(token.gapBefore) || isTitleWord(token)) return false;
    if (!token.possessive && !isCapitalized(token) && isOrganizationNoun(tokens, index)) {
      return !isTitleWord(tokens[index + 1]);
    }
  }
  return false;
}

/** "company", "start-up" (two tokens), "chipmakers": a noun saying what kind of organisation. */
function isOrganizationNoun(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  if (token.key === 'up' && token.gapBefore === '-' && tokens[index - 1]?.key === 'start') return true;
  // "the group’s television station": a station is a broadcaster only on the air.
  if (['station', 'channel'].includes(token.key))
    return ['television', 'tv', 'radio'].includes(tokens[index - 1]?.key ?? '');
  const singular = token.key.endsWith('ies') ? `${token.key.slice(0, -3)}y` : token.key.replace(/s$/u, '');
  return ORGANIZATION_NOUNS.has(token.key) || ORGANIZATION_NOUNS.has(singular);
}

/** Prefixes of ships' names ("USS John F. Kennedy", "HMS Queen Elizabeth"). */
const SHIP_PREFIXES = new Set(['uss', 'hms', 'hmas', 'hmcs', 'hmnzs', 'ins', 'rfs', 'mv', 'rv']);

function isCuedName(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const [first] = tokens;
  if (!first || !isCapitalized(first) || isTitleWord(first) || CALENDAR_WORDS.has(first.key)) return false;
  if (SHIP_PREFIXES.has(first.key)) return false;
  if (tokens.some((token) => CALENDAR_WORDS.has(token.key) || isTitleWord(token))) return false;
  if (namesEventOrLaw(tokens)) return false;
  const tags = (token: Token) => paragraph.analysis.tags[token.index];
  if (tokens.every((token) => inRanges(paragraph.analysis.places, token.index) || tags(token)?.has('Place')))
    return false;
  if (tokens.some((token) => tags(token)?.has('Demonym'))) return false;
  if (isPlaceOnItsOwn(tokens.map((token) => token.text).join(' '))) return false;
  // A single ordinary English word ("the company Board") is not a name; an unknown one may be, and
  // so may one with accents ("Medián").
  // Journals are often named with one ("the journal Science").
  const journal = paragraph.tokens[range.first - 1]?.key === 'journal';
  if (tokens.length === 1 && isEnglishWord(first.key) && /^[\p{ASCII}]+$/u.test(first.text) && !journal) return false;
  // "the company founder Jane Doe", "Doe, a union official": a person is not the organisation. A
  // longer name compromise sees no person in may open with a first name ("Jan Shakti Morcha").
  if (tags(first)?.has('FirstName')) return false;
  const personTagged = tokens.some((token) => tags(token)?.has('Person'));
  if (isFirstName(first) && (tokens.length < 3 || personTagged)) return false;
  if (tags(first)?.has('LastName')) return false;
  return !tokens.some((token, offset) => offset > 0 && !continuesPhrase(token));
}

/** compromise tags by context ("Texas militia" reads as an actor); ask about the words alone. */
function isPlaceOnItsOwn(name: string): boolean {
  const [sentence] = nlp(name).json() as { terms: { tags: string[] }[] }[];
  return sentence?.terms.every((term) => term.tags.includes('Place') || term.tags.includes('Demonym')) === true;
}
