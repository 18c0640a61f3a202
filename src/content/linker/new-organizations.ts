// New organisations: what compromise tags as one, names built on an organisation word ("Universidad
// de Chile"), and names a sentence says are organisations ("the charity Safe Harbour Youth",
// "Parcelwise, a start-up"), each extended to the whole name and filtered hard.
import type { ArticleText } from './article.ts';
import type { TokenRange } from './compromise-tags.ts';
import { isFirstName } from './first-names.ts';
import {
  continuesPhrase,
  type DiscoveryContext,
  inRanges,
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
import { CALENDAR_WORDS, CONNECTORS, GROUP_NOUNS_AFTER, ORGANIZATION_HEADS, ORGANIZATION_NOUNS } from './vocabulary.ts';

export function discoverOrganizations(article: ArticleText, context: DiscoveryContext): NewMention[] {
  return paragraphsOf(article).flatMap((paragraph) => {
    const found = [...paragraph.analysis.organizations, ...headedNames(paragraph)]
      .flatMap((range) => splitAtPunctuation(paragraph.tokens, range))
      .flatMap((range) => {
        const trimmed = trimOrganization(paragraph, extendOrganization(paragraph.tokens, range), context);
        return trimmed && looksLikeOrganization(paragraph, trimmed) ? [trimmed] : [];
      });
    const cued = cuedNames(paragraph).flatMap((range) => {
      const free = withoutTakenEnds(paragraph, range, context);
      return free && free.first === range.first && free.last === range.last && isCuedName(paragraph, range)
        ? [range]
        : [];
    });
    return [...found, ...cued].flatMap((range) =>
      mentionOf(paragraph, range, context, newOrganizationOwner, () => null),
    );
  });
}

/** Capitalised organisation words that open or carry a name ("Instituto Butantan", "University of Ghana"). */
function headedNames(paragraph: Paragraph): TokenRange[] {
  return paragraph.tokens.flatMap((token) =>
    isCapitalized(token) && ORGANIZATION_HEADS.has(token.key) ? [{ first: token.index, last: token.index }] : [],
  );
}

// compromise often stops short ("Harbourview Department" for "... Department of Transportation").
function extendOrganization(tokens: readonly Token[], range: TokenRange): TokenRange {
  let { first, last } = range;
  const joinable = (token: Token | undefined): token is Token =>
    token !== undefined && continuesPhrase(token) && !token.sentenceStart;
  const nameWord = (token: Token | undefined) =>
    token !== undefined && isCapitalized(token) && !isTitleWord(token) && !CALENDAR_WORDS.has(token.key);
  while (joinable(tokens[first]) && nameWord(tokens[first - 1]) && !tokens[first - 1]?.possessive) first--;
  let inObject = false;
  for (;;) {
    if (tokens[last]?.possessive) break;
    const next = tokens[last + 1];
    const afterNext = tokens[last + 2];
    if (joinable(next) && nameWord(next)) last++;
    else if (joinable(next) && NAME_LINKS.has(next.key) && joinable(afterNext) && nameWord(afterNext)) {
      last += 2;
      inObject = true;
    } else if (inObject && joinable(next) && next.key === 'and' && joinable(afterNext) && nameWord(afterNext)) {
      last += 2;
    } else break;
  }
  return { first, last };
}

/** Lower-case words inside a name: "Institute for …", "Universidad de …", "Banco do …". */
const NAME_LINKS = new Set(['of', 'for', 'on', 'de', 'del', 'do', 'da', 'dos', 'das', 'di', 'des', 'du', 'la', 'le']);

function trimOrganization(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange | null {
  const free = withoutTakenEnds(paragraph, range, context);
  if (!free) return null;
  let { first, last } = free;
  const token = (index: number) => paragraph.tokens[index];
  const isLink = (index: number) => CONNECTORS.has(token(index)?.key ?? '') || NAME_LINKS.has(token(index)?.key ?? '');
  while (first <= last && (isLink(first) || isSentenceStartWord(paragraph, first))) first++;
  while (last >= first && isLink(last)) last--;
  return first <= last ? { first, last } : null;
}

function looksLikeOrganization(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const words = tokens.filter((token) => !CONNECTORS.has(token.key) && !NAME_LINKS.has(token.key));
  if (words.length < 2 || tokens.length > 9) return false;
  if (!words.every((token) => isCapitalized(token) && !CALENDAR_WORDS.has(token.key))) return false;
  if (isTitleWord(tokens[0])) return false;
  // A run of place names ("Costa Serena", "Puerto Almendro") is not an organisation.
  return !words.every((token) => inRanges(paragraph.analysis.places, token.index));
}

function isSentenceStartWord(paragraph: Paragraph, index: number): boolean {
  const token = paragraph.tokens[index];
  if (!token?.sentenceStart) return false;
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
    const noun = nounKey(tokens, token.index);
    const sharesOf = ['of', 'in'].includes(token.key) && tokens[token.index - 1]?.key === 'shares';
    if (spaced && !isCapitalized(token) && (ORGANIZATION_NOUNS.has(noun) || sharesOf)) {
      ranges.push(nameFrom(tokens, next.index));
    } else if (/^, $/u.test(next.gapBefore) && ORGANIZATION_NOUNS.has(noun)) {
      const name = nameFrom(tokens, next.index);
      if (/^[,.;]/u.test(tokens[name.last + 1]?.gapBefore ?? '.')) ranges.push(name);
    }
  }
  for (const token of tokens) {
    if (!isCapitalized(token) || (token.index > 0 && isCapitalized(tokens[token.index - 1]))) continue;
    if (tokens[token.index - 1]?.possessive) continue;
    const name = nameFrom(tokens, token.index);
    const after = tokens[name.last + 1];
    if (!after) continue;
    if (/^ $/u.test(after.gapBefore) && GROUP_NOUNS_AFTER.has(after.key) && !token.sentenceStart) ranges.push(name);
    else if (/^, $/u.test(after.gapBefore) && describesAsOrganization(tokens, name.last + 1)) ranges.push(name);
  }
  return ranges;
}

/** A run of capitalised words and numbers starting at `first` ("Southside 19", "Safe Harbour Youth"). */
function nameFrom(tokens: readonly Token[], first: number): TokenRange {
  let last = first;
  while (last - first < 4) {
    const next = tokens[last + 1];
    if (!next || !/^[ -]$/u.test(next.gapBefore) || !(isCapitalized(next) || /^\d+$/u.test(next.text))) break;
    if (tokens[last]?.possessive) break;
    last++;
  }
  return { first, last };
}

/** ", a research group that…", ", the country’s largest white-collar union,": an organisation noun heads it. */
function describesAsOrganization(tokens: readonly Token[], first: number): boolean {
  if (!['a', 'an', 'the'].includes(tokens[first]?.key ?? '')) return false;
  for (let index = first + 1; index < first + 7; index++) {
    const token = tokens[index];
    if (!token || /[,.;:()“”"]/u.test(token.gapBefore) || isCapitalized(token) || isTitleWord(token)) return false;
    if (!token.possessive && ORGANIZATION_NOUNS.has(nounKey(tokens, index))) {
      return !isTitleWord(tokens[index + 1]);
    }
  }
  return false;
}

/** The noun a token ends: "start-up" is one word here, split in two by the tokenizer. */
function nounKey(tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  if (token?.key === 'up' && token.gapBefore === '-' && tokens[index - 1]?.key === 'start') return 'startup';
  return token?.key ?? '';
}

function isCuedName(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const [first] = tokens;
  if (!first || !isCapitalized(first) || isTitleWord(first) || CALENDAR_WORDS.has(first.key)) return false;
  if (tokens.some((token) => CALENDAR_WORDS.has(token.key) || isTitleWord(token))) return false;
  const tags = (token: Token) => paragraph.analysis.tags[token.index];
  if (tokens.every((token) => inRanges(paragraph.analysis.places, token.index) || tags(token)?.has('Place')))
    return false;
  if (tokens.some((token) => tags(token)?.has('Demonym'))) return false;
  // "the company founder Jane Doe": a person after the noun is not the organisation.
  if (tokens.length > 1 && (tags(first)?.has('FirstName') || isFirstName(first))) return false;
  return !tokens.some((token, offset) => offset > 0 && !continuesPhrase(token));
}
